using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Keys = Flash.Manifest.ManifestFormat.Keys;

namespace Flash.Generators.Emit;

/// <summary>
/// Writes flash_manifest.json: the top level of <see cref="ManifestFormat"/>, and each endpoint entry from the table
/// of <see cref="EndpointDefinition.Fields"/>, in table order. No timestamp and no machine path, so the same
/// declarations give the same bytes.
/// </summary>
internal static class ManifestJsonWriter
{
    public static string Write(AppManifest app)
    {
        // About 1.2 KB of JSON per endpoint: sized once, so a large manifest is not copied as it grows.
        var json = new JsonText(1024 + (1536 * app.Endpoints.Count));
        json.StartObject();
        json.String(Keys.Version, ManifestFormat.Version);
        json.String(Keys.Runtime, ManifestFormat.Runtime);
        json.String(Keys.ProjectName, app.ProjectName);
        json.StartObject(Keys.Container);
        json.String(ManifestFormat.ContainerKeys.Registry, app.Container.Registry);
        json.String(ManifestFormat.ContainerKeys.Repository, app.Container.Repository);
        json.String(ManifestFormat.ContainerKeys.Tag, app.Container.Tag);
        json.EndObject();
        // The fingerprint: FNV-1a 64 over the resource entries as written (as a document of their own), so it changes
        // when anything deployable changes, never otherwise.
        json.StartHashedObject(Keys.Resources);
        foreach (var endpoint in app.Endpoints)
        {
            Endpoint(json, endpoint.Definition);
        }

        var fingerprint = json.EndHashedObject();
        json.StartArray(Keys.NetworkVolumes);
        foreach (var volume in app.Volumes)
        {
            Volume(json, volume.Volume);
        }

        json.EndArray();
        json.String(Keys.SourceFingerprint, "fnv1a64:" + fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        json.EndObject();
        return json.Finish();
    }

    private static void Endpoint(JsonText json, EndpointDefinition endpoint)
    {
        json.StartObject(endpoint.Name);
        string? parent = null;
        foreach (var field in EndpointDefinition.Fields.Where(f => f.AppliesTo(endpoint)))
        {
            if (field.Parent != parent)
            {
                if (parent is not null)
                {
                    json.EndObject();
                }

                if (field.Parent is not null)
                {
                    json.StartObject(field.Parent);
                }

                parent = field.Parent;
            }

            Value(json, field, field.Get(endpoint));
        }

        if (parent is not null)
        {
            json.EndObject();
        }

        json.EndObject();
    }

    private static void Value(JsonText json, ManifestField field, object? value)
    {
        switch (field.Type)
        {
            case FieldType.Int:
                json.Number(field.Key, (int)value!);
                break;
            case FieldType.Bool:
                json.Bool(field.Key, (bool)value!);
                break;
            case FieldType.Text:
                json.String(field.Key, (string?)value);
                break;
            case FieldType.Enum:
                json.String(field.Key, field.Code!.Id(value!));
                break;
            case FieldType.EnumList:
                json.StartArray(field.Key);
                foreach (var member in (IEnumerable)value!)
                {
                    json.String(null, field.Code!.Id(member));
                }

                json.EndArray();
                break;
            case FieldType.Env:
                json.StartObject(field.Key);
                foreach (var variable in (IReadOnlyList<KeyValuePair<string, string>>)value!)
                {
                    json.String(variable.Key, variable.Value);
                }

                json.EndObject();
                break;
            case FieldType.Volumes:
                json.StartArray(field.Key);
                foreach (var volume in (IReadOnlyList<NetworkVolumeDefinition>)value!)
                {
                    Volume(json, volume);
                }

                json.EndArray();
                break;
            case FieldType.Functions:
                json.StartArray(field.Key);
                foreach (var function in (IReadOnlyList<FunctionDefinition>)value!)
                {
                    json.StartObject();
                    json.String(ManifestFormat.FunctionKeys.Name, function.Name);
                    json.String(ManifestFormat.FunctionKeys.HttpMethod, function.HttpMethod);
                    json.String(ManifestFormat.FunctionKeys.HttpPath, function.HttpPath);
                    json.EndObject();
                }

                json.EndArray();
                break;
        }
    }

    private static void Volume(JsonText json, NetworkVolumeDefinition volume)
    {
        json.StartObject();
        json.String(ManifestFormat.VolumeKeys.Name, volume.Name);
        json.String(ManifestFormat.VolumeKeys.Id, volume.Id);
        json.Number(ManifestFormat.VolumeKeys.Size, volume.SizeGb);
        json.String(ManifestFormat.VolumeKeys.DataCenter, volume.DataCenter is { } dc ? Flash.Platform.DataCenterCatalog.Id(dc) : null);
        json.EndObject();
    }
}
