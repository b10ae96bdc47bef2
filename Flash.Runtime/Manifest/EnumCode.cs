using System;
using System.Collections.Generic;
using Flash.Platform;

namespace Flash.Manifest;

/// <summary>
/// How the members of one platform enum are written in the manifest: the API id of each member (from its catalog),
/// and the way back. The writer, the typed-manifest emitter and the deploy tool's reader share it through
/// <see cref="ManifestField.Code"/>.
/// </summary>
internal abstract class EnumCode
{
    /// <summary>The enum type's C# name, fully qualified with <c>global::</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>What a member is, in words: <c>GPU group</c>, <c>datacenter</c>…</summary>
    public abstract string What { get; }

    /// <summary>Every API id, in enum order.</summary>
    public abstract IReadOnlyList<string> Ids { get; }

    /// <summary>The API id of a member.</summary>
    public abstract string Id(object member);

    /// <summary>The C# member name, e.g. <c>Ampere80</c>.</summary>
    public abstract string MemberName(object member);

    /// <summary>The member whose API id is exactly <paramref name="id"/>.</summary>
    public abstract bool TryRead(string id, out object member);

    /// <summary>A typed, read-only list of members (the list type <see cref="ManifestField.Get"/> returns).</summary>
    public abstract object ToList(IEnumerable<object> members);
}

/// <summary>The API ids of the members of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">A platform enum.</typeparam>
internal sealed class EnumCode<T> : EnumCode
    where T : struct, System.Enum
{
    private readonly Func<T, string> _id;
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _ids = new();

    /// <param name="members">Every member, in the catalog's order.</param>
    /// <param name="id">The catalog's API id of a member.</param>
    /// <param name="what">What a member is, in words.</param>
    public EnumCode(IReadOnlyList<T> members, Func<T, string> id, string what)
    {
        _id = id;
        What = what;
        foreach (var member in members)
        {
            var text = id(member);
            _ids.Add(text);
            _byId.Add(text, member);
        }

        TypeName = "global::" + typeof(T).FullName;
    }

    public override string TypeName { get; }

    public override string What { get; }

    public override IReadOnlyList<string> Ids => _ids;

    public override string Id(object member) => _id((T)member);

    public override string MemberName(object member) => ((T)member).ToString();

    public override bool TryRead(string id, out object member)
    {
        if (_byId.TryGetValue(id, out var found))
        {
            member = found;
            return true;
        }

        member = default(T);
        return false;
    }

    public override object ToList(IEnumerable<object> members)
    {
        var list = new List<T>();
        foreach (var member in members)
        {
            list.Add((T)member);
        }

        return list.AsReadOnly();
    }
}

/// <summary>The codes of the enums the manifest holds.</summary>
internal static class Codes
{
    /// <summary>Endpoint kinds, written as their member names.</summary>
    public static readonly EnumCode<EndpointKind> EndpointKinds =
        new(new[] { EndpointKind.QueueFunction, EndpointKind.QueueClass, EndpointKind.LoadBalanced }, kind => kind.ToString(), "endpoint kind");

    public static readonly EnumCode<GpuGroup> GpuGroups = new(GpuCatalog.AllGroups, GpuCatalog.GroupId, "GPU group");

    public static readonly EnumCode<GpuType> GpuTypes = new(GpuCatalog.AllTypes, GpuCatalog.TypeId, "GPU type");

    public static readonly EnumCode<CudaVersion> CudaVersions = new(CudaCatalog.All, CudaCatalog.Id, "CUDA version");

    public static readonly EnumCode<CpuInstanceType> CpuInstanceTypes = new(CpuCatalog.All, CpuCatalog.Id, "CPU instance type");

    public static readonly EnumCode<ScalerType> ScalerTypes = new(ScalerCatalog.All, ScalerCatalog.Id, "scaler type");

    public static readonly EnumCode<DataCenter> DataCenters = new(DataCenterCatalog.All, DataCenterCatalog.Id, "datacenter");
}
