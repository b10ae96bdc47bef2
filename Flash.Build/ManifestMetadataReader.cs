using System;
using System.Globalization;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Flash.Build;

/// <summary>
/// Reads the manifest the Flash source generator embeds in the compiled assembly as
/// <c>[assembly: AssemblyMetadata("Flash.Manifest", "&lt;json&gt;")]</c> (plus <c>"Flash.Manifest.EndpointCount"</c>)
/// straight from the assembly's metadata tables with <see cref="System.Reflection.Metadata"/>: the user's code is never
/// loaded or run.
/// </summary>
internal static class ManifestMetadataReader
{
    /// <summary>The assembly-metadata key whose value is the manifest JSON.</summary>
    public const string ManifestKey = "Flash.Manifest";

    /// <summary>The assembly-metadata key whose value is the number of endpoints in the manifest.</summary>
    public const string EndpointCountKey = "Flash.Manifest.EndpointCount";

    private const string AttributeNamespace = "System.Reflection";
    private const string AttributeName = "AssemblyMetadataAttribute";

    // UTF-8 without a byte-order mark: the manifest is consumed by tools that expect plain JSON.
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the manifest of the assembly at <paramref name="assemblyPath"/> (a full path to an existing file).</summary>
    /// <returns>The manifest; <see langword="null"/> when the assembly carries none (it declares no endpoints).</returns>
    /// <exception cref="BuildErrorException">
    /// The file cannot be read as an assembly, or its manifest entries are empty, repeated or malformed.
    /// </exception>
    public static EmbeddedManifest? Read(string assemblyPath)
    {
        ReadEntries(assemblyPath, out var json, out var countText);
        if (json is null)
        {
            return null;
        }

        int? count = null;
        if (countText is not null)
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new BuildErrorException(BuildErrors.EndpointCountInvalid, assemblyPath, EndpointCountKey, countText);
            }

            count = parsed;
        }

        byte[] bytes;
        try
        {
            bytes = Utf8NoBom.GetBytes(json);
        }
        catch (EncoderFallbackException ex)
        {
            throw new BuildErrorException(BuildErrors.ManifestNotUnicode, ManifestKey, assemblyPath, ex.Message);
        }

        return new EmbeddedManifest(bytes, count);
    }

    /// <summary>
    /// The values of the assembly-level <c>AssemblyMetadataAttribute</c> entries the manifest is made of; each
    /// <see langword="null"/> when the assembly has no such entry.
    /// </summary>
    private static void ReadEntries(string assemblyPath, out string? json, out string? countText)
    {
        json = null;
        countText = null;
        var sawManifest = false;
        var sawCount = false;

        try
        {
            using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            using var peReader = new PEReader(stream);
            if (!peReader.HasMetadata)
            {
                throw new BuildErrorException(BuildErrors.NotAnAssembly, assemblyPath, "the file has no .NET metadata");
            }

            var reader = peReader.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw new BuildErrorException(BuildErrors.NotAnAssembly, assemblyPath, "the file is a module without an assembly manifest");
            }

            var provider = new StringTypeProvider();
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
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
                    throw new BuildErrorException(BuildErrors.AttributeUndecodable, assemblyPath, ex.Message);
                }

                if (value.FixedArguments.Length != 2
                    || value.FixedArguments[0].Value is not (string or null)
                    || value.FixedArguments[1].Value is not (string or null))
                {
                    throw new BuildErrorException(BuildErrors.AttributeUndecodable, assemblyPath, "an AssemblyMetadataAttribute does not have the (string key, string value) shape");
                }

                var key = (string?)value.FixedArguments[0].Value;
                var text = (string?)value.FixedArguments[1].Value;
                if (string.Equals(key, ManifestKey, StringComparison.Ordinal))
                {
                    if (sawManifest)
                    {
                        throw new BuildErrorException(BuildErrors.EntryRepeated, assemblyPath, ManifestKey);
                    }

                    sawManifest = true;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        throw new BuildErrorException(BuildErrors.ManifestEmpty, ManifestKey, assemblyPath);
                    }

                    json = text;
                }
                else if (string.Equals(key, EndpointCountKey, StringComparison.Ordinal))
                {
                    if (sawCount)
                    {
                        throw new BuildErrorException(BuildErrors.EntryRepeated, assemblyPath, EndpointCountKey);
                    }

                    sawCount = true;
                    countText = text ?? string.Empty;
                }
            }
        }
        catch (BadImageFormatException ex)
        {
            throw new BuildErrorException(BuildErrors.NotAnAssembly, assemblyPath, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // PEReader/MetadataReader report some malformed images this way (e.g. truncated metadata).
            throw new BuildErrorException(BuildErrors.NotAnAssembly, assemblyPath, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new BuildErrorException(BuildErrors.AssemblyUnreadable, assemblyPath, ex.Message);
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
                var typeReference = reader.GetTypeReference((TypeReferenceHandle)typeHandle);
                return reader.StringComparer.Equals(typeReference.Name, AttributeName)
                    && reader.StringComparer.Equals(typeReference.Namespace, AttributeNamespace);
            case HandleKind.TypeDefinition:
                var typeDefinition = reader.GetTypeDefinition((TypeDefinitionHandle)typeHandle);
                return reader.StringComparer.Equals(typeDefinition.Name, AttributeName)
                    && reader.StringComparer.Equals(typeDefinition.Namespace, AttributeNamespace);
            default:
                return false;
        }
    }

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
            var definition = reader.GetTypeDefinition(handle);
            return reader.GetString(definition.Namespace) + "." + reader.GetString(definition.Name);
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var reference = reader.GetTypeReference(handle);
            return reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
        }

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
            throw new BadImageFormatException($"unexpected enum argument of type '{type}'");

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
