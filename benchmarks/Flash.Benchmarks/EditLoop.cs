using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Flash.Benchmarks;

/// <summary>The three edits of the IDE loop.</summary>
public enum EditKind
{
    /// <summary>(a) A token inside a method of an ordinary class.</summary>
    UnrelatedMethod,

    /// <summary>(b) A token inside an endpoint's method body.</summary>
    EndpointBody,

    /// <summary>(c) One argument of one [Endpoint] attribute.</summary>
    AttributeArgument,
}

/// <summary>
/// The IDE's edit loop: one driver kept across edits, each edit a new compilation with one file changed the way the
/// editor changes it (an incremental reparse of a text change). Each step toggles the edited token, so every step
/// is an edit against the previous state and the loop can run forever.
/// </summary>
public sealed class EditLoop
{
    private readonly TextSpan _span;
    private readonly string _original;
    private readonly string _edited;
    private GeneratorDriver _driver;
    private CSharpCompilation _compilation;
    private SyntaxTree _tree;
    private bool _isEdited;

    /// <summary>Runs the generator once over the app (the loop's starting state).</summary>
    public EditLoop(Subject subject, int n, EditKind edit, bool trackSteps = false)
    {
        var (path, original, edited) = Target(subject, n, edit);
        _compilation = (CSharpCompilation)Compilations.App(subject, n).Clone();
        _tree = Compilations.Tree(_compilation, path);
        var position = _tree.GetText().ToString().IndexOf(original, StringComparison.Ordinal);
        if (position < 0)
        {
            throw new InvalidOperationException($"{path} has no '{original}' to edit.");
        }

        _span = new TextSpan(position, original.Length);
        _original = original;
        _edited = edited;
        _driver = Compilations.Driver(subject, trackSteps).RunGenerators(_compilation);
    }

    /// <summary>The driver after the last step.</summary>
    public GeneratorDriver Driver => _driver;

    /// <summary>Applies the edit (or undoes the previous one) and runs the generator on the new compilation.</summary>
    public GeneratorDriver Step()
    {
        var text = _tree.GetText();
        var replacement = _isEdited ? _original : _edited;
        var tree = _tree.WithChangedText(text.WithChanges(new TextChange(_span, replacement)));
        _compilation = _compilation.ReplaceSyntaxTree(_tree, tree);
        _tree = tree;
        _isEdited = !_isEdited;
        _driver = _driver.RunGenerators(_compilation);
        return _driver;
    }

    /// <summary>
    /// The generated files one step rewrites: those whose text is a new object rather than the one the driver kept.
    /// A cached incremental output keeps its text; a rerun output (or any output of a non-incremental generator) does not.
    /// </summary>
    public IReadOnlyList<string> StepAndListRegenerated()
    {
        var before = Sources(_driver);
        var after = Sources(Step());
        return after
            .Where(pair => !before.TryGetValue(pair.Key, out var previous) || !ReferenceEquals(previous, pair.Value))
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, SourceText> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText);

    private static (string Path, string Original, string Edited) Target(Subject subject, int n, EditKind edit) => edit switch
    {
        EditKind.UnrelatedMethod => (SyntheticApp.UnrelatedFile(n), SyntheticApp.BodyMarker, SyntheticApp.BodyMarkerEdited),
        EditKind.EndpointBody => (SyntheticApp.EndpointBodyFile(n), SyntheticApp.BodyMarker, SyntheticApp.BodyMarkerEdited),
        _ when subject == Subject.Azure => throw new NotSupportedException("The peer app has no Flash attributes to edit."),
        _ => (SyntheticApp.EndpointAttributeFile(n), SyntheticApp.AttributeMarker, SyntheticApp.AttributeMarkerEdited),
    };
}
