using System.Collections.Generic;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Manifest.Rules;
using Flash.Platform;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>Turns one assembly-level <c>[NetworkVolume]</c> into a <see cref="VolumeModel"/> and checks it alone.</summary>
internal static class VolumeParser
{
    public const string NetworkVolumeAttributeName = "Flash." + nameof(NetworkVolumeAttribute);

    public static VolumeModel Parse(AttributeData attribute, List<Problem>? problems) => Parse(new AttributeArguments(attribute, problems));

    public static VolumeModel Parse(AttributeArguments args)
    {
        var name = args.ConstructorString(out _);
        var id = args.String(nameof(NetworkVolumeAttribute.Id));
        var size = args.Int(nameof(NetworkVolumeAttribute.SizeGb)) ?? PlatformDefaults.VolumeSizeGb;
        var dataCenter = args.Enum<DataCenter>(nameof(NetworkVolumeAttribute.DataCenter), DataCenterCatalog.IsDefined);
        var label = !string.IsNullOrWhiteSpace(name) ? name! : id ?? string.Empty;
        foreach (var violation in VolumeValueRules.Check(new NetworkVolumeDefinition { Name = string.IsNullOrWhiteSpace(name) ? null : name, Id = string.IsNullOrWhiteSpace(id) ? null : id, SizeGb = size }))
        {
            args.Report(Problem.Of(violation, violation.Property == VolumeValueRules.VolumeProperty ? args.Location : args.LocationOf(violation.Property)));
        }

        // A volume given only by id lives wherever it already is: unknown at compile time unless written.
        var knownDataCenter = dataCenter ?? (args.IsWritten(nameof(NetworkVolumeAttribute.DataCenter)) || (string.IsNullOrWhiteSpace(name) && id is not null)
            ? null
            : PlatformDefaults.VolumeDataCenter);
        if (knownDataCenter is { } dc && !DataCenterCatalog.HasNetworkStorage(dc))
        {
            args.Report(ProblemId.VolumeWithoutFlashStorage, args.LocationOf(nameof(NetworkVolumeAttribute.DataCenter)), label, DataCenterCatalog.Id(dc));
        }

        return new VolumeModel(
            string.IsNullOrWhiteSpace(name) ? null : name,
            string.IsNullOrWhiteSpace(id) ? null : id,
            size,
            knownDataCenter,
            !args.HasErrors);
    }
}
