using System;
using System.Collections;
using System.Collections.Generic;

namespace Flash.Manifest;

/// <summary>Which endpoints a manifest field applies to; on the others it is absent.</summary>
internal enum FieldScope
{
    /// <summary>Every endpoint.</summary>
    All,

    /// <summary>GPU endpoints (no instance types).</summary>
    Gpu,

    /// <summary>CPU endpoints (instance types).</summary>
    Cpu,

    /// <summary>Queue-based endpoints.</summary>
    Queue,
}

/// <summary>The shape of a manifest field's value, which decides how each consumer writes or reads it.</summary>
internal enum FieldType
{
    /// <summary>An integer.</summary>
    Int,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A string.</summary>
    Text,

    /// <summary>One member of a platform enum, written as its API id.</summary>
    Enum,

    /// <summary>A list of members of a platform enum, written as an array of API ids.</summary>
    EnumList,

    /// <summary>Environment variables, written as an object of strings.</summary>
    Env,

    /// <summary>Network volumes, written as an array of volume objects.</summary>
    Volumes,

    /// <summary>Functions, written as an array of function objects.</summary>
    Functions,
}

/// <summary>
/// One value of <see cref="EndpointDefinition"/>: where it lives in the manifest JSON, which property holds it, how it
/// is shaped, and how to read it from and set it on a definition. Values pass through as objects (a boxed number,
/// enum member or bool, a string, a typed list), so one loop over the table serves every field.
/// </summary>
internal sealed class ManifestField
{
    private readonly Func<EndpointDefinition, object?> _get;
    private readonly Func<EndpointDefinition, object?, EndpointDefinition> _with;

    private ManifestField(
        string key,
        string property,
        string description,
        FieldType type,
        FieldScope scope,
        EnumCode? code,
        bool nullable,
        string? parent,
        Func<EndpointDefinition, object?> get,
        Func<EndpointDefinition, object?, EndpointDefinition> with)
    {
        Key = key;
        Property = property;
        Description = description;
        Type = type;
        Scope = scope;
        Code = code;
        Nullable = nullable;
        Parent = parent;
        _get = get;
        _with = with;
    }

    /// <summary>The JSON key, inside <see cref="Parent"/> when there is one.</summary>
    public string Key { get; }

    /// <summary>The <see cref="EndpointDefinition"/> property, as C# code writes it.</summary>
    public string Property { get; }

    /// <summary>What the value means, where it comes from and its default: the JSON Schema's description.</summary>
    public string Description { get; }

    /// <summary>The shape of the value.</summary>
    public FieldType Type { get; }

    /// <summary>The endpoints the field applies to.</summary>
    public FieldScope Scope { get; }

    /// <summary>The enum's API ids, for <see cref="FieldType.Enum"/> and <see cref="FieldType.EnumList"/>.</summary>
    public EnumCode? Code { get; }

    /// <summary>Whether JSON null is a value (an optional string).</summary>
    public bool Nullable { get; }

    /// <summary>The object the key sits in (e.g. <c>template</c>), or null for the endpoint's own object.</summary>
    public string? Parent { get; }

    /// <summary>The path below an endpoint's entry, e.g. <c>template.containerDiskInGb</c>.</summary>
    public string Path => Parent is null ? Key : Parent + "." + Key;

    public static ManifestField Int(string key, string property, string description, FieldScope scope, Func<EndpointDefinition, int?> get, Func<EndpointDefinition, int, EndpointDefinition> with, string? parent = null) =>
        new(key, property, description, FieldType.Int, scope, null, false, parent, d => get(d), (d, v) => with(d, (int)v!));

    public static ManifestField Bool(string key, string property, string description, Func<EndpointDefinition, bool> get, Func<EndpointDefinition, bool, EndpointDefinition> with) =>
        new(key, property, description, FieldType.Bool, FieldScope.All, null, false, null, d => get(d), (d, v) => with(d, (bool)v!));

    public static ManifestField Text(string key, string property, string description, FieldScope scope, Func<EndpointDefinition, string?> get, Func<EndpointDefinition, string?, EndpointDefinition> with, bool nullable = false, string? parent = null) =>
        new(key, property, description, FieldType.Text, scope, null, nullable, parent, get, (d, v) => with(d, (string?)v));

    public static ManifestField Enum<T>(string key, string property, string description, EnumCode<T> code, FieldScope scope, Func<EndpointDefinition, T?> get, Func<EndpointDefinition, T, EndpointDefinition> with)
        where T : struct, System.Enum =>
        new(key, property, description, FieldType.Enum, scope, code, false, null, d => get(d), (d, v) => with(d, (T)v!));

    public static ManifestField EnumList<T>(string key, string property, string description, EnumCode<T> code, FieldScope scope, Func<EndpointDefinition, IReadOnlyList<T>> get, Func<EndpointDefinition, IReadOnlyList<T>, EndpointDefinition> with)
        where T : struct, System.Enum =>
        new(key, property, description, FieldType.EnumList, scope, code, false, null, get, (d, v) => with(d, (IReadOnlyList<T>)v!));

    public static ManifestField Env(string key, string property, string description, Func<EndpointDefinition, IReadOnlyList<KeyValuePair<string, string>>> get, Func<EndpointDefinition, IReadOnlyList<KeyValuePair<string, string>>, EndpointDefinition> with) =>
        new(key, property, description, FieldType.Env, FieldScope.All, null, false, null, get, (d, v) => with(d, (IReadOnlyList<KeyValuePair<string, string>>)v!));

    public static ManifestField Volumes(string key, string property, string description, Func<EndpointDefinition, IReadOnlyList<NetworkVolumeDefinition>> get, Func<EndpointDefinition, IReadOnlyList<NetworkVolumeDefinition>, EndpointDefinition> with) =>
        new(key, property, description, FieldType.Volumes, FieldScope.All, null, false, null, get, (d, v) => with(d, (IReadOnlyList<NetworkVolumeDefinition>)v!));

    public static ManifestField Functions(string key, string property, string description, Func<EndpointDefinition, IReadOnlyList<FunctionDefinition>> get, Func<EndpointDefinition, IReadOnlyList<FunctionDefinition>, EndpointDefinition> with) =>
        new(key, property, description, FieldType.Functions, FieldScope.All, null, false, null, get, (d, v) => with(d, (IReadOnlyList<FunctionDefinition>)v!));

    /// <summary>Whether the field applies to an endpoint of this kind and compute.</summary>
    public bool AppliesTo(bool isCpu, EndpointKind kind) => Scope switch
    {
        FieldScope.Gpu => !isCpu,
        FieldScope.Cpu => isCpu,
        FieldScope.Queue => kind != EndpointKind.LoadBalanced,
        _ => true,
    };

    /// <summary>Whether the field applies to <paramref name="definition"/>.</summary>
    public bool AppliesTo(EndpointDefinition definition) => AppliesTo(definition.IsCpu, definition.Kind);

    /// <summary>The value: a boxed number, bool or enum member, a string, or a typed list; null when not set.</summary>
    public object? Get(EndpointDefinition definition) => _get(definition);

    /// <summary>A copy of <paramref name="definition"/> with this field set to <paramref name="value"/>.</summary>
    /// <param name="definition">The definition to copy.</param>
    /// <param name="value">A value of the field's shape; for lists, the list type <see cref="Get"/> returns.</param>
    public EndpointDefinition With(EndpointDefinition definition, object? value) => _with(definition, value);

    /// <summary>Whether two definitions hold the same value here, lists compared element by element.</summary>
    public bool ValueEquals(EndpointDefinition a, EndpointDefinition b)
    {
        var x = Get(a);
        var y = Get(b);
        if (x is IEnumerable xs && x is not string && y is IEnumerable ys && y is not string)
        {
            var left = xs.GetEnumerator();
            var right = ys.GetEnumerator();
            while (true)
            {
                var more = left.MoveNext();
                if (more != right.MoveNext())
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }

                if (!Equals(left.Current, right.Current))
                {
                    return false;
                }
            }
        }

        return Equals(x, y);
    }

    /// <summary>A hash of the value consistent with <see cref="ValueEquals"/>.</summary>
    public int ValueHashCode(EndpointDefinition definition)
    {
        var value = Get(definition);
        if (value is IEnumerable items && value is not string)
        {
            var hash = 17;
            foreach (var item in items)
            {
                hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
            }

            return hash;
        }

        return value?.GetHashCode() ?? 0;
    }
}
