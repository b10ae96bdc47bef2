using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Flash.Generators.Model;

/// <summary>
/// One generated file of shims. The shims are spread over a fixed number of files by their identity hash
/// (<see cref="ShimModel.FileNumber"/>), rather than one file per endpoint: on every compilation the IDE hands the
/// generator, the compiler re-adds each cached file, a step whose cost grows with the square of the number of files
/// (at 5,000 endpoints it was half of an edit that changed nothing). A signature change still rewrites only the one
/// file that holds that endpoint's shim.
/// </summary>
/// <param name="Number">The file's number, 0 to <see cref="Count"/> - 1.</param>
/// <param name="Shims">Its shims, ordered by class name; empty when no endpoint's hash falls here (no file is written).</param>
internal sealed record ShimFile(int Number, EquatableArray<ShimModel> Shims)
{
    /// <summary>How many shim files there are at most.</summary>
    public const int Count = 32;

    /// <summary>The file's hint name.</summary>
    public string HintName => "FlashShims" + Number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";

    /// <summary>
    /// Every file, the empty ones too: each keeps its position from run to run, so the pipeline compares each file with
    /// its own previous version and a change to one endpoint leaves the others' files cached.
    /// </summary>
    public static IEnumerable<ShimFile> Group(ImmutableArray<ShimModel> shims)
    {
        var files = new List<ShimModel>[Count];
        for (var i = 0; i < Count; i++)
        {
            files[i] = [];
        }

        foreach (var shim in shims)
        {
            files[shim.FileNumber].Add(shim);
        }

        return files.Select((file, number) => new ShimFile(number, new EquatableArray<ShimModel>(file.OrderBy(s => s.ClassName, System.StringComparer.Ordinal))));
    }
}
