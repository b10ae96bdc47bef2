using System;
using System.Globalization;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.Build.Framework;

namespace Flash.Build;

/// <summary>
/// Writes the Flash deployment manifest next to the build output. The Flash source generator embeds the
/// manifest JSON in the compiled assembly as
/// <c>[assembly: AssemblyMetadata("Flash.Manifest", "&lt;json&gt;")]</c> (plus
/// <c>"Flash.Manifest.EndpointCount"</c>); this task reads that attribute straight from the assembly's metadata
/// tables with <see cref="System.Reflection.Metadata"/> — the user's code is never loaded or run — and copies the
/// JSON to <see cref="ManifestPath"/>.
/// </summary>
/// <remarks>
/// The file is only replaced when its bytes change, so an incremental build that produces the same manifest leaves
/// the file (and its timestamp) untouched. Replacement is atomic: the new content goes to a temporary file in the
/// same directory first. Errors are reported with codes <c>FLASHB01</c>–<c>FLASHB07</c>; the task never throws.
/// </remarks>
public sealed class WriteFlashManifest : Microsoft.Build.Utilities.Task
{
    /// <summary>The assembly-metadata key whose value is the manifest JSON.</summary>
    public const string ManifestKey = "Flash.Manifest";

    /// <summary>The assembly-metadata key whose value is the number of endpoints in the manifest.</summary>
    public const string EndpointCountKey = "Flash.Manifest.EndpointCount";

    private const string AttributeNamespace = "System.Reflection";
    private const string AttributeName = "AssemblyMetadataAttribute";

    // UTF-8 without a byte-order mark: the manifest is consumed by tools that expect plain JSON.
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
            return ExecuteCore();
        }
        catch (Exception ex)
        {
            // Last line of defence: a task must fail the build with a message, never with a stack trace.
            Log.LogError(
                subcategory: null,
                errorCode: "FLASHB07",
                helpKeyword: null,
                file: null,
                lineNumber: 0,
                columnNumber: 0,
                endLineNumber: 0,
                endColumnNumber: 0,
                message: "Flash: unexpected failure while writing the deployment manifest from '{0}' to '{1}': {2}: {3}. Please report this as a Flash bug, with the build log.",
                AssemblyPath,
                ManifestPath,
                ex.GetType().FullName,
                ex.Message);
            return false;
        }
    }

    private bool ExecuteCore()
    {
        if (string.IsNullOrWhiteSpace(AssemblyPath) || !File.Exists(AssemblyPath))
        {
            Error(
                "FLASHB01",
                "Flash: the compiled assembly '{0}' does not exist, so the deployment manifest cannot be read from it. "
                + "The Flash manifest step must run after compilation: check that AssemblyPath points at @(IntermediateAssembly) and that the build produced it.",
                AssemblyPath);
            return false;
        }

        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            Error(
                "FLASHB05",
                "Flash: no manifest path was given. Set the FlashManifestPath property to the file the deployment manifest should be written to, or leave it unset for the default $(OutDir)flash/flash_manifest.json.");
            return false;
        }

        string assemblyPath = Path.GetFullPath(AssemblyPath);
        string manifestPath;
        try
        {
            manifestPath = Path.GetFullPath(ManifestPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Error(
                "FLASHB05",
                "Flash: the manifest path '{0}' is not a valid file path ({1}). Fix the FlashManifestPath property.",
                ManifestPath,
                ex.Message);
            return false;
        }

        if (!TryReadMetadata(assemblyPath, out string? json, out string? countText))
        {
            return false;
        }

        if (json is null)
        {
            Log.LogMessage(
                MessageImportance.Low,
                "Flash: '{0}' carries no [assembly: AssemblyMetadata(\"{1}\", ...)] (no endpoints declared); no manifest written.",
                assemblyPath,
                ManifestKey);
            return true;
        }

        int count = 0;
        if (countText is null)
        {
            Log.LogMessage(
                MessageImportance.Low,
                "Flash: '{0}' carries a manifest but no \"{1}\" entry; reporting 0 endpoints.",
                assemblyPath,
                EndpointCountKey);
        }
        else if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            Error(
                "FLASHB04",
                "Flash: the assembly '{0}' records \"{1}\" = '{2}', which is not a non-negative integer. The attribute is written by the Flash source generator; "
                + "remove any hand-written [assembly: AssemblyMetadata(\"{1}\", ...)] and make sure the Flash.Runtime package and its generator come from the same version.",
                assemblyPath,
                EndpointCountKey,
                countText);
            return false;
        }

        EndpointCount = count;

        byte[] bytes;
        try
        {
            bytes = Utf8NoBom.GetBytes(json);
        }
        catch (EncoderFallbackException ex)
        {
            Error(
                "FLASHB03",
                "Flash: the \"{0}\" value in '{1}' is not valid Unicode text ({2}), so it cannot be written as UTF-8. Rebuild the project; if this persists, report it as a Flash bug.",
                ManifestKey,
                assemblyPath,
                ex.Message);
            return false;
        }

        bool written;
        try
        {
            written = WriteIfChanged(manifestPath, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            Error(
                "FLASHB06",
                "Flash: could not write the deployment manifest to '{0}': {1} Check that the directory is writable and the file is not locked by another process, or move it with the FlashManifestPath property.",
                manifestPath,
                ex.Message);
            return false;
        }

        Written = written;
        ManifestFound = true;
        Log.LogMessage(
            MessageImportance.High,
            "Flash: manifest with {0} endpoint(s) -> {1}{2}",
            count.ToString(CultureInfo.InvariantCulture),
            manifestPath,
            written ? string.Empty : " (unchanged)");
        return true;
    }

    /// <summary>
    /// Reads the assembly-level <c>AssemblyMetadataAttribute</c> entries this task cares about. Returns
    /// <see langword="false"/> after logging an error; otherwise <paramref name="json"/> is <see langword="null"/>
    /// when the assembly has no manifest.
    /// </summary>
    private bool TryReadMetadata(string assemblyPath, out string? json, out string? countText)
    {
        json = null;
        countText = null;
        bool sawManifest = false;
        bool sawCount = false;

        try
        {
            using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            using var peReader = new PEReader(stream);
            if (!peReader.HasMetadata)
            {
                NotAnAssembly(assemblyPath, "the file has no .NET metadata");
                return false;
            }

            MetadataReader reader = peReader.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                NotAnAssembly(assemblyPath, "the file is a module without an assembly manifest");
                return false;
            }

            var provider = new StringTypeProvider();
            foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                if (!IsAssemblyMetadataAttribute(reader, attribute))
                {
                    continue;
                }

                CustomAttributeValue<string> value;
                try
                {
                    value = attribute.DecodeValue(provider);
                }
                catch (BadImageFormatException ex)
                {
                    BadBlob(assemblyPath, ex.Message);
                    return false;
                }

                if (value.FixedArguments.Length != 2
                    || value.FixedArguments[0].Value is not (string or null)
                    || value.FixedArguments[1].Value is not (string or null))
                {
                    BadBlob(assemblyPath, "an AssemblyMetadataAttribute does not have the (string key, string value) shape");
                    return false;
                }

                string? key = (string?)value.FixedArguments[0].Value;
                string? text = (string?)value.FixedArguments[1].Value;
                if (string.Equals(key, ManifestKey, StringComparison.Ordinal))
                {
                    if (sawManifest)
                    {
                        Duplicate(assemblyPath, ManifestKey);
                        return false;
                    }

                    sawManifest = true;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        Error(
                            "FLASHB03",
                            "Flash: the \"{0}\" entry in '{1}' is empty, so there is no manifest to write. The entry is written by the Flash source generator; "
                            + "remove any hand-written [assembly: AssemblyMetadata(\"{0}\", ...)] and rebuild.",
                            ManifestKey,
                            assemblyPath);
                        return false;
                    }

                    json = text;
                }
                else if (string.Equals(key, EndpointCountKey, StringComparison.Ordinal))
                {
                    if (sawCount)
                    {
                        Duplicate(assemblyPath, EndpointCountKey);
                        return false;
                    }

                    sawCount = true;
                    countText = text ?? string.Empty;
                }
            }

            return true;
        }
        catch (BadImageFormatException ex)
        {
            NotAnAssembly(assemblyPath, ex.Message);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // PEReader/MetadataReader report some malformed images this way (e.g. truncated metadata).
            NotAnAssembly(assemblyPath, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            Error(
                "FLASHB01",
                "Flash: could not open the compiled assembly '{0}' to read the deployment manifest: {1} Check that the file is readable and not locked, then rebuild.",
                assemblyPath,
                ex.Message);
            return false;
        }
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle typeHandle;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                typeHandle = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                typeHandle = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            default:
                return false;
        }

        switch (typeHandle.Kind)
        {
            case HandleKind.TypeReference:
                TypeReference typeReference = reader.GetTypeReference((TypeReferenceHandle)typeHandle);
                return reader.StringComparer.Equals(typeReference.Name, AttributeName)
                    && reader.StringComparer.Equals(typeReference.Namespace, AttributeNamespace);
            case HandleKind.TypeDefinition:
                TypeDefinition typeDefinition = reader.GetTypeDefinition((TypeDefinitionHandle)typeHandle);
                return reader.StringComparer.Equals(typeDefinition.Name, AttributeName)
                    && reader.StringComparer.Equals(typeDefinition.Namespace, AttributeNamespace);
            default:
                return false;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> unless the file already holds exactly those bytes.</summary>
    /// <returns><see langword="true"/> when the file was created or replaced.</returns>
    private static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && BytesEqual(File.ReadAllBytes(path), bytes))
        {
            return false;
        }

        string directory = Path.GetDirectoryName(path) ?? throw new IOException($"'{path}' has no parent directory.");
        Directory.CreateDirectory(directory);

        // Write the complete content beside the target first, so readers never observe a half-written manifest.
        string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!File.Exists(path))
            {
                try
                {
                    File.Move(temp, path);
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another writer created the file in between: fall through and replace it.
                }
            }

            try
            {
                // An atomic rename over the existing file (netstandard2.0 has no File.Move overwrite overload).
                File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // Some file systems (e.g. certain network shares) cannot replace; overwrite in place instead.
                File.Copy(temp, path, overwrite: true);
            }

            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static bool BytesEqual(byte[] left, byte[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void NotAnAssembly(string assemblyPath, string detail) =>
        Error(
            "FLASHB02",
            "Flash: '{0}' is not a readable .NET assembly ({1}), so the deployment manifest cannot be read from it. "
            + "Make sure AssemblyPath points at the compiled assembly (@(IntermediateAssembly)); a clean rebuild replaces a corrupt file.",
            assemblyPath,
            detail);

    private void BadBlob(string assemblyPath, string detail) =>
        Error(
            "FLASHB03",
            "Flash: an [assembly: AssemblyMetadata(...)] attribute in '{0}' could not be decoded ({1}). "
            + "The assembly's metadata is malformed; do a clean rebuild, and if this persists report it as a Flash bug.",
            assemblyPath,
            detail);

    private void Duplicate(string assemblyPath, string key) =>
        Error(
            "FLASHB04",
            "Flash: '{0}' carries more than one [assembly: AssemblyMetadata(\"{1}\", ...)], so it is ambiguous which one to use. "
            + "The Flash source generator writes this attribute; remove any hand-written copy from the project.",
            assemblyPath,
            key);

    private void Error(string code, string message, params object?[] args) =>
        Log.LogError(
            subcategory: null,
            errorCode: code,
            helpKeyword: null,
            file: null,
            lineNumber: 0,
            columnNumber: 0,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: message,
            messageArgs: args);

    /// <summary>
    /// The minimal type model <see cref="CustomAttribute.DecodeValue{TType}"/> needs: every type is represented by its
    /// name. Only the <c>(string, string)</c> constructor of <c>AssemblyMetadataAttribute</c> is ever decoded.
    /// </summary>
    private sealed class StringTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition definition = reader.GetTypeDefinition(handle);
            return reader.GetString(definition.Namespace) + "." + reader.GetString(definition.Name);
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference reference = reader.GetTypeReference(handle);
            return reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
        }

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
            throw new BadImageFormatException($"unexpected enum argument of type '{type}'");

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
