namespace Flash.Benchmarks;

/// <summary>What one edit of the IDE loop made a generator write again.</summary>
/// <param name="Subject">Whose generator.</param>
/// <param name="N">The endpoint count.</param>
/// <param name="Edit">The edit.</param>
/// <param name="Files">The generated files of the run.</param>
/// <param name="Regenerated">The files the edit rewrote (the same for the edit and for undoing it).</param>
public sealed record Regeneration(Subject Subject, int N, EditKind Edit, int Files, IReadOnlyList<string> Regenerated);

/// <summary>Counts the outputs each edit regenerates, outside the timed runs.</summary>
public static class RegeneratedOutputs
{
    public static IReadOnlyList<Regeneration> Measure(IEnumerable<int> sizes)
    {
        var result = new List<Regeneration>();
        foreach (var n in sizes)
        {
            foreach (var (subject, edit) in new[]
                     {
                         (Subject.Flash, EditKind.UnrelatedMethod), (Subject.Flash, EditKind.EndpointBody),
                         (Subject.Flash, EditKind.AttributeArgument), (Subject.Azure, EditKind.UnrelatedMethod),
                     })
            {
                var loop = new EditLoop(subject, n, edit);
                var files = loop.Driver.GetRunResult().GeneratedTrees.Length;
                var edited = loop.StepAndListRegenerated();
                var undone = loop.StepAndListRegenerated();
                if (!edited.SequenceEqual(undone))
                {
                    throw new InvalidOperationException($"{subject} N={n} {edit}: the edit rewrote [{string.Join(", ", edited)}], undoing it [{string.Join(", ", undone)}].");
                }

                result.Add(new Regeneration(subject, n, edit, files, edited));
                Console.WriteLine($"// {subject} N={n} {edit}: {edited.Count} of {files} generated files rewritten");
            }

            Compilations.Clear();
        }

        return result;
    }
}
