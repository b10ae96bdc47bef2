using System;
using System.Globalization;
using System.IO;
using Microsoft.Build.Framework;

namespace Flash.Build;

/// <summary>
/// Writes the Flash deployment manifest next to the build output: reads the manifest JSON that the Flash source
/// generator embedded in the compiled assembly (<see cref="ManifestMetadataReader"/>, metadata only, no user code runs)
/// and copies it to <see cref="ManifestPath"/> when its bytes changed (<see cref="AtomicFileWriter"/>).
/// </summary>
/// <remarks>
/// Errors are reported with codes <c>FLASHB01</c>–<c>FLASHB07</c> (<see cref="BuildErrors"/>), each linking its page;
/// the task never throws.
/// </remarks>
public sealed class WriteFlashManifest : Microsoft.Build.Utilities.Task
{
    /// <summary>Path of the compiled assembly to read (normally <c>@(IntermediateAssembly)</c>).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>Path of the manifest file to write; its directory is created when missing.</summary>
    [Required]
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>
    /// Number of endpoints recorded in the assembly (<c>Flash.Manifest.EndpointCount</c>); 0 when the assembly
    /// carries no manifest or does not record a count.
    /// </summary>
    [Output]
    public int EndpointCount { get; private set; }

    /// <summary>
    /// <see langword="true"/> when the manifest file was created or its content replaced by this run;
    /// <see langword="false"/> when there was no manifest to write or the file already held the same bytes.
    /// </summary>
    [Output]
    public bool Written { get; private set; }

    /// <summary>
    /// <see langword="true"/> when the assembly carries a manifest, i.e. <see cref="ManifestPath"/> now holds it
    /// (written or unchanged); <see langword="false"/> when there is nothing to write.
    /// </summary>
    [Output]
    public bool ManifestFound { get; private set; }

    /// <summary>Reads the manifest from <see cref="AssemblyPath"/> and writes it to <see cref="ManifestPath"/>.</summary>
    /// <returns><see langword="true"/> on success (including "no manifest"); <see langword="false"/> after logging an error.</returns>
    public override bool Execute()
    {
        EndpointCount = 0;
        Written = false;
        ManifestFound = false;
        try
        {
            WriteManifest();
            return true;
        }
        catch (BuildErrorException failure)
        {
            LogError(failure.Error, failure.Arguments);
            return false;
        }
        catch (Exception ex)
        {
            // Last line of defence: a task must fail the build with a message, never with a stack trace.
            LogError(BuildErrors.UnexpectedFailure, AssemblyPath, ManifestPath, ex.GetType().FullName, ex.Message);
            return false;
        }
    }

    private void WriteManifest()
    {
        if (string.IsNullOrWhiteSpace(AssemblyPath) || !File.Exists(AssemblyPath))
        {
            throw new BuildErrorException(BuildErrors.AssemblyMissing, AssemblyPath);
        }

        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            throw new BuildErrorException(BuildErrors.ManifestPathMissing);
        }

        var assemblyPath = Path.GetFullPath(AssemblyPath);
        var manifestPath = FullManifestPath();
        var manifest = ManifestMetadataReader.Read(assemblyPath);
        if (manifest is null)
        {
            Log.LogMessage(
                MessageImportance.Low,
                "Flash: '{0}' carries no [assembly: AssemblyMetadata(\"{1}\", ...)] (no endpoints declared); no manifest written.",
                assemblyPath,
                ManifestMetadataReader.ManifestKey);
            return;
        }

        if (manifest.EndpointCount is null)
        {
            Log.LogMessage(
                MessageImportance.Low,
                "Flash: '{0}' carries a manifest but no \"{1}\" entry; reporting 0 endpoints.",
                assemblyPath,
                ManifestMetadataReader.EndpointCountKey);
        }

        EndpointCount = manifest.EndpointCount ?? 0;
        bool written;
        try
        {
            written = AtomicFileWriter.WriteIfChanged(manifestPath, manifest.Utf8Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new BuildErrorException(BuildErrors.ManifestNotWritable, manifestPath, ex.Message);
        }

        Written = written;
        ManifestFound = true;
        Log.LogMessage(
            MessageImportance.High,
            "Flash: manifest with {0} endpoint(s) -> {1}{2}",
            EndpointCount.ToString(CultureInfo.InvariantCulture),
            manifestPath,
            written ? string.Empty : " (unchanged)");
    }

    private string FullManifestPath()
    {
        try
        {
            return Path.GetFullPath(ManifestPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BuildErrorException(BuildErrors.ManifestPathInvalid, ManifestPath, ex.Message);
        }
    }

    private void LogError(BuildError error, params object?[] arguments) =>
        Log.LogError(
            subcategory: null,
            errorCode: error.Code,
            helpKeyword: null,
            helpLink: error.HelpLink,
            file: null,
            lineNumber: 0,
            columnNumber: 0,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: error.MessageFormat,
            messageArgs: arguments);
}
