namespace Flash.Build;

/// <summary>
/// Every error of the manifest step. A code names a kind of failure and may cover several situations, each with its
/// own message; every code has a page in docs/diagnostics. Messages start with "Flash:" because MSBuild prints them
/// among everything else the build says.
/// </summary>
internal static class BuildErrors
{
    public static readonly BuildError AssemblyMissing = new("FLASHB01",
        "Flash: the compiled assembly '{0}' does not exist, so the deployment manifest cannot be read from it. "
        + "The Flash manifest step must run after compilation: check that AssemblyPath points at @(IntermediateAssembly) and that the build produced it.");

    public static readonly BuildError AssemblyUnreadable = new("FLASHB01",
        "Flash: could not open the compiled assembly '{0}' to read the deployment manifest: {1} Check that the file is readable and not locked, then rebuild.");

    public static readonly BuildError NotAnAssembly = new("FLASHB02",
        "Flash: '{0}' is not a readable .NET assembly ({1}), so the deployment manifest cannot be read from it. "
        + "Make sure AssemblyPath points at the compiled assembly (@(IntermediateAssembly)); a clean rebuild replaces a corrupt file.");

    public static readonly BuildError AttributeUndecodable = new("FLASHB03",
        "Flash: an [assembly: AssemblyMetadata(...)] attribute in '{0}' could not be decoded ({1}). "
        + "The assembly's metadata is malformed; do a clean rebuild, and if this persists report it as a Flash bug.");

    public static readonly BuildError ManifestEmpty = new("FLASHB03",
        "Flash: the \"{0}\" entry in '{1}' is empty, so there is no manifest to write. The entry is written by the Flash source generator; "
        + "remove any hand-written [assembly: AssemblyMetadata(\"{0}\", ...)] and rebuild.");

    public static readonly BuildError ManifestNotUnicode = new("FLASHB03",
        "Flash: the \"{0}\" value in '{1}' is not valid Unicode text ({2}), so it cannot be written as UTF-8. Rebuild the project; if this persists, report it as a Flash bug.");

    public static readonly BuildError EntryRepeated = new("FLASHB04",
        "Flash: '{0}' carries more than one [assembly: AssemblyMetadata(\"{1}\", ...)], so it is ambiguous which one to use. "
        + "The Flash source generator writes this attribute; remove any hand-written copy from the project.");

    public static readonly BuildError EndpointCountInvalid = new("FLASHB04",
        "Flash: the assembly '{0}' records \"{1}\" = '{2}', which is not a non-negative integer. The attribute is written by the Flash source generator; "
        + "remove any hand-written [assembly: AssemblyMetadata(\"{1}\", ...)] and make sure the Flash.Runtime package and its generator come from the same version.");

    public static readonly BuildError ManifestPathMissing = new("FLASHB05",
        "Flash: no manifest path was given. Set the FlashManifestPath property to the file the deployment manifest should be written to, or leave it unset for the default $(OutDir)flash/flash_manifest.json.");

    public static readonly BuildError ManifestPathInvalid = new("FLASHB05",
        "Flash: the manifest path '{0}' is not a valid file path ({1}). Fix the FlashManifestPath property.");

    public static readonly BuildError ManifestNotWritable = new("FLASHB06",
        "Flash: could not write the deployment manifest to '{0}': {1} Check that the directory is writable and the file is not locked by another process, or move it with the FlashManifestPath property.");

    public static readonly BuildError UnexpectedFailure = new("FLASHB07",
        "Flash: unexpected failure while writing the deployment manifest from '{0}' to '{1}': {2}: {3}. Please report this as a Flash bug, with the build log.");
}
