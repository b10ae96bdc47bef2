using System.Collections.Generic;
using Flash.Generators.Model;
using Flash.Platform;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>Turns one assembly-level <c>[NetworkVolume]</c> into a <see cref="VolumeModel"/>.</summary>
internal static class VolumeParser
{
    public const string NetworkVolumeAttributeName = "Flash.NetworkVolumeAttribute";

    public static VolumeModel Parse(AttributeData attribute, List<Problem>? problems)
    {
        var args = new AttributeArguments(attribute, problems);
        var name = args.ConstructorString(out _);
        var id = args.String("Id");
        var size = args.Int("SizeGb") ?? PlatformDefaults.VolumeSizeGb;
        var dataCenter = args.Enum<DataCenter>("DataCenter", DataCenterCatalog.IsDefined);
        if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(id))
        {
            args.Report(ProblemId.VolumeWithoutNameOrId, args.Location);
        }

        // A volume given only by id lives wherever it already is: unknown at compile time unless written.
        var knownDataCenter = dataCenter ?? (args.IsWritten("DataCenter") || (name is null && id is not null) ? null : PlatformDefaults.VolumeDataCenter);
        return new VolumeModel(
            string.IsNullOrWhiteSpace(name) ? null : name,
            string.IsNullOrWhiteSpace(id) ? null : id,
            size,
            knownDataCenter,
            !args.HasErrors);
    }
}
