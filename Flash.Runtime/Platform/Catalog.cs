using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Flash.Platform;

/// <summary>
/// A platform table with one row per enum member, and the lookups every catalog needs: member → row (for the id and
/// the catalog's own columns) and exact API id → member. Built once per catalog, so a lookup is a dictionary read.
/// </summary>
/// <typeparam name="TMember">The enum the table describes.</typeparam>
/// <typeparam name="TRow">The row: the member, its API id and whatever facts the catalog adds.</typeparam>
internal sealed class Catalog<TMember, TRow>
    where TMember : struct, Enum
    where TRow : CatalogRow<TMember>
{
    private readonly string _owner;
    private readonly Dictionary<TMember, TRow> _byMember;
    private readonly Dictionary<string, TRow> _byId;

    /// <summary>Indexes the rows of a catalog.</summary>
    /// <param name="owner">The public catalog class, which an undefined member's message sends the caller to.</param>
    /// <param name="rows">One row per member, in enum order; no member and no id twice.</param>
    /// <exception cref="ArgumentException">A member or an id appears in two rows.</exception>
    public Catalog(string owner, params TRow[] rows)
    {
        _owner = owner;
        _byMember = new Dictionary<TMember, TRow>(rows.Length);
        _byId = new Dictionary<string, TRow>(rows.Length, StringComparer.Ordinal);
        var members = new TMember[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (_byMember.ContainsKey(row.Member))
            {
                throw new ArgumentException($"{_owner} lists {typeof(TMember).Name}.{row.Member} twice.", nameof(rows));
            }

            if (_byId.TryGetValue(row.Id, out var holder))
            {
                throw new ArgumentException(
                    $"{_owner} gives the id '{row.Id}' to both {typeof(TMember).Name}.{holder.Member} and {typeof(TMember).Name}.{row.Member}.",
                    nameof(rows));
            }

            _byMember.Add(row.Member, row);
            _byId.Add(row.Id, row);
            members[i] = row.Member;
        }

        Members = Array.AsReadOnly(members);
        Rows = Array.AsReadOnly(rows);
    }

    /// <summary>Every member, in table (enum) order.</summary>
    public IReadOnlyList<TMember> Members { get; }

    /// <summary>Every row, in table (enum) order.</summary>
    public IReadOnlyList<TRow> Rows { get; }

    /// <summary>Whether <paramref name="member"/> has a row (a cast int or an unset value has none).</summary>
    /// <param name="member">The value to check.</param>
    /// <returns><see langword="true"/> for a member of the table.</returns>
    public bool IsDefined(TMember member) => _byMember.ContainsKey(member);

    /// <summary>The row of a member.</summary>
    /// <param name="member">A member of the table.</param>
    /// <param name="paramName">The caller's parameter that held <paramref name="member"/>, named by the exception.</param>
    /// <returns>The member's row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="member"/> has no row.</exception>
    public TRow Row(TMember member, string paramName) =>
        _byMember.TryGetValue(member, out var row)
            ? row
            : throw new ArgumentOutOfRangeException(paramName, member,
                $"{member} is not a defined {typeof(TMember).Name}; check {_owner}.IsDefined first.");

    /// <summary>Reads a member written as its exact API id: no trimming, no case folding.</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not an id.</param>
    /// <param name="member">The member read, or <see langword="default"/> when <paramref name="id"/> is not an id of the table.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a member.</returns>
    public bool TryParseId(string? id, out TMember member)
    {
        if (id is not null && _byId.TryGetValue(id, out var row))
        {
            member = row.Member;
            return true;
        }

        member = default;
        return false;
    }
}
