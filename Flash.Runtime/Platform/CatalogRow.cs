using System;

namespace Flash.Platform;

/// <summary>
/// One row of a <see cref="Catalog{TMember, TRow}"/>: an enum member and its exact API id. A catalog with more facts
/// per member derives its row from this one and adds them as columns.
/// </summary>
/// <typeparam name="TMember">The enum the row describes a member of.</typeparam>
internal class CatalogRow<TMember>
    where TMember : struct, Enum
{
    /// <summary>Creates a row.</summary>
    /// <param name="member">The enum member.</param>
    /// <param name="id">Its exact API id.</param>
    public CatalogRow(TMember member, string id)
    {
        Member = member;
        Id = id;
    }

    /// <summary>The enum member.</summary>
    public TMember Member { get; }

    /// <summary>The exact API id of <see cref="Member"/>.</summary>
    public string Id { get; }
}
