using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.Generators.Parsing;

/// <summary>
/// The arguments of one attribute application, read the way the user wrote them: an argument counts as set when it
/// is written, never by comparing its value with a default.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;
    private readonly List<Problem>? _problems;

    public AttributeArguments(AttributeData attribute, List<Problem>? problems)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        _problems = problems;
    }

    /// <summary>Set when an error was found: the declaration is then invalid and gets no generated code.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>The problems reported so far (empty when none are collected).</summary>
    public IReadOnlyList<Problem> Problems => (IReadOnlyList<Problem>?)_problems ?? System.Array.Empty<Problem>();

    /// <summary>Whether problems are being collected (the analyzers ask for them; the generator does not).</summary>
    public bool CollectsProblems => _problems is not null;

    /// <summary>The whole attribute, for problems that belong to no single argument.</summary>
    public Location? Location => _syntax?.GetLocation() ?? _attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>The attribute as written in source: <c>Endpoint</c>, <c>NetworkVolume</c>.</summary>
    public string AttributeName
    {
        get
        {
            var name = _attribute.AttributeClass?.Name ?? "attribute";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }

    /// <summary>The location of a named argument, else of the attribute.</summary>
    public Location? LocationOf(string name) => NamedSyntax(name)?.GetLocation() ?? Location;

    /// <summary>The location of the first constructor argument, else of the attribute.</summary>
    public Location? ConstructorArgumentLocation =>
        _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.GetLocation() ?? Location;

    /// <summary>The name given to the constructor, else the attribute (whose target gives the name).</summary>
    public Location? NameLocation =>
        _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.GetLocation() ?? Location;

    public bool IsWritten(string name) =>
        _syntax is null ? _attribute.NamedArguments.Any(a => a.Key == name) : NamedSyntax(name) is not null;

    /// <summary>The first constructor argument as a string; <c>written</c> tells whether there was one.</summary>
    public string? ConstructorString(out bool written)
    {
        written = _attribute.ConstructorArguments.Length > 0 ||
                  (_syntax?.ArgumentList?.Arguments.Any(a => a.NameEquals is null) ?? false);
        if (!written)
        {
            return null;
        }

        if (_attribute.ConstructorArguments.Length == 1 && _attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive)
        {
            return _attribute.ConstructorArguments[0].Value as string ?? string.Empty;
        }

        Fail(ConstructorArgumentLocation, "name");
        return null;
    }

    public int? Int(string name) => Read(name, c => c.Value is int i ? i : (int?)null);

    public bool? Bool(string name) => Read(name, c => c.Value is bool b ? b : (bool?)null);

    public string? String(string name) => Read(name, c => c.Kind == TypedConstantKind.Primitive ? c.Value as string : null);

    /// <summary>An enum argument; an undefined value is reported and gives null.</summary>
    public T? Enum<T>(string name, System.Func<T, bool> isDefined)
        where T : struct
    {
        var value = Read(name, c => c.Kind == TypedConstantKind.Enum && c.Value is int i ? (int?)i : null);
        if (value is null)
        {
            return null;
        }

        var typed = (T)(object)value.Value;
        if (isDefined(typed))
        {
            return typed;
        }

        Report(ProblemId.UndefinedEnumValue, LocationOf(name), name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), typeof(T).Name);
        return null;
    }

    /// <summary>An enum array argument; null when not written. Undefined values are reported and left out.</summary>
    public EquatableArray<T>? EnumArray<T>(string name, System.Func<T, bool> isDefined)
        where T : struct
    {
        var values = ReadArray(name, c => c.Kind == TypedConstantKind.Enum && c.Value is int ? c.Value : null);
        if (values is null)
        {
            return null;
        }

        var result = new List<T>(values.Count);
        foreach (var value in values)
        {
            var typed = (T)value;
            if (isDefined(typed))
            {
                result.Add(typed);
            }
            else
            {
                Report(ProblemId.UndefinedEnumValue, LocationOf(name), name, ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture), typeof(T).Name);
            }
        }

        return new EquatableArray<T>(result);
    }

    /// <summary>A string array argument; null when not written.</summary>
    public EquatableArray<string>? StringArray(string name)
    {
        var values = ReadArray(name, c => c.Kind == TypedConstantKind.Primitive ? c.Value as string : null);
        return values is null ? null : new EquatableArray<string>(values.Select(v => (string)v));
    }

    public void Report(ProblemId id, Location? location, params string[] arguments) =>
        Report(Problem.Create(id, location, arguments));

    public void Report(Problem problem)
    {
        HasErrors |= RuleTable.For(problem.Id).IsError;
        _problems?.Add(problem);
    }

    /// <summary>
    /// The location of element <paramref name="index"/> of an array argument written as <c>[a, b]</c> or
    /// <c>new[] { a, b }</c>; else the argument's location.
    /// </summary>
    public Location? ElementLocation(string name, int index)
    {
        var expression = NamedSyntax(name)?.Expression;
        var elements = expression switch
        {
            CollectionExpressionSyntax collection => collection.Elements.Select(e => (SyntaxNode)e).ToList(),
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
            ArrayCreationExpressionSyntax array when array.Initializer is not null => array.Initializer.Expressions.Select(e => (SyntaxNode)e).ToList(),
            _ => null,
        };
        return elements is not null && index >= 0 && index < elements.Count ? elements[index].GetLocation() : LocationOf(name);
    }

    private T? Read<T>(string name, System.Func<TypedConstant, T?> convert)
    {
        if (!IsWritten(name))
        {
            return default;
        }

        var constant = Named(name);
        var value = constant is { Kind: not TypedConstantKind.Error and not TypedConstantKind.Array } c ? convert(c) : default;
        if (value is null)
        {
            Fail(LocationOf(name), name);
        }

        return value;
    }

    private List<object>? ReadArray(string name, System.Func<TypedConstant, object?> convert)
    {
        if (!IsWritten(name))
        {
            return null;
        }

        var constant = Named(name);
        if (constant is not { Kind: TypedConstantKind.Array } array || array.IsNull)
        {
            Fail(LocationOf(name), name);
            return null;
        }

        var result = new List<object>(array.Values.Length);
        foreach (var element in array.Values)
        {
            var value = element.Kind == TypedConstantKind.Error ? null : convert(element);
            if (value is null)
            {
                Fail(LocationOf(name), name);
                return null;
            }

            result.Add(value);
        }

        return result;
    }

    private TypedConstant? Named(string name)
    {
        foreach (var pair in _attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private AttributeArgumentSyntax? NamedSyntax(string name)
    {
        if (_syntax?.ArgumentList is not { } list)
        {
            return null;
        }

        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument;
            }
        }

        return null;
    }

    private void Fail(Location? location, string argument) =>
        Report(ProblemId.NotConstant, location, argument, AttributeName);
}
