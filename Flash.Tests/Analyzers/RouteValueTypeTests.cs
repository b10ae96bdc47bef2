extern alias generators;

using System.Text.Json;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.CodeAnalysis;
using RouteConstraints = generators::Flash.Generators.Parsing.Routes.RouteConstraints;
using RouteValueKind = generators::Flash.Generators.Parsing.Routes.RouteValueKind;
using RouteValueTypes = generators::Flash.Generators.Parsing.Routes.RouteValueTypes;

namespace Flash.Tests.Analyzers;

/// <summary>
/// The constraint-to-type table of FLASH411 and the types of FLASH412 are System.Text.Json's own reading of route
/// text, with the worker's JSON options, checked type by type on typical values each constraint lets through.
/// </summary>
public sealed class RouteValueTypeTests
{
    /// <summary>Typical values of each kind (the FLASH411 page lists them), and a constraint of that kind.</summary>
    private static readonly (RouteValueKind Kind, string Constraint, IRouteConstraint Check, string[] Values)[] Samples =
    [
        (RouteValueKind.WholeNumber, "int", new IntRouteConstraint(), ["42", "-7"]),
        (RouteValueKind.DecimalNumber, "decimal", new DecimalRouteConstraint(), ["2.5", "-0.75"]),
        (RouteValueKind.TrueOrFalse, "bool", new BoolRouteConstraint(), ["true", "false"]),
        (RouteValueKind.DateOrTime, "datetime", new DateTimeRouteConstraint(), ["2024-05-17", "2024-05-17T10:30:00", "10:30:00"]),
        (RouteValueKind.Guid, "guid", new GuidRouteConstraint(), ["6f9619ff-8b86-d011-b42d-00cf4fc964ff"]),
        (RouteValueKind.Letters, "alpha", new AlphaRouteConstraint(), ["abc", "x"]),
    ];

    private static readonly Type[] Judged =
    [
        typeof(string), typeof(object), typeof(char), typeof(bool), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(Int128), typeof(UInt128), typeof(Half), typeof(float),
        typeof(double), typeof(decimal), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
        typeof(TimeSpan), typeof(JsonElement), typeof(JsonNode), typeof(int?), typeof(Guid?), typeof(DateOnly?), typeof(bool?),
    ];

    private static readonly JsonSerializerOptions WorkerJson = FlashJson.CreateOptions(null);

    private static readonly Compilation Types = GeneratorHarness.Compile("public static class Nothing { }");

    [Test]
    public void Each_sample_is_a_value_its_constraint_lets_through_and_has_the_kind_flash_gives_it()
    {
        foreach (var (kind, constraint, check, values) in Samples)
        {
            Assert.That(RouteConstraints.KindOf(constraint), Is.EqualTo(kind), constraint);
            foreach (var value in values)
            {
                var routeValues = new RouteValueDictionary { ["v"] = value };
                Assert.That(check.Match(null, null, "v", routeValues, RouteDirection.IncomingRequest), Is.True, $"{constraint} lets '{value}' through");
            }
        }
    }

    [TestCaseSource(nameof(Judged))]
    public void A_judged_type_holds_exactly_the_kinds_whose_values_System_Text_Json_reads_into_it(Type type)
    {
        var read = Samples.Where(s => s.Values.Any(v => Reads(type, v))).Select(s => s.Kind);

        Assert.That(RouteValueTypes.Reads(Symbol(type)), Is.EquivalentTo(read));
        Assert.That(RouteValueTypes.NeverReadsText(Symbol(type)), Is.EqualTo(!read.Any()));
    }

    [TestCase(typeof(bool))]
    [TestCase(typeof(bool?))]
    [TestCase(typeof(int[]))]
    [TestCase(typeof(List<string>))]
    [TestCase(typeof(IEnumerable<int>))]
    [TestCase(typeof(Dictionary<string, int>))]
    [TestCase(typeof(HashSet<Guid>))]
    public void Bool_and_collections_never_read_route_text(Type type)
    {
        Assert.That(Samples.SelectMany(s => s.Values).Append("1,2").Where(v => Reads(type, v)), Is.Empty);
        Assert.That(RouteValueTypes.NeverReadsText(Symbol(type)), Is.True);
    }

    [TestCase(typeof(DayOfWeek))]
    [TestCase(typeof(Uri))]
    [TestCase(typeof(Version))]
    [TestCase(typeof(byte[]))]
    public void Types_whose_reading_the_app_may_change_are_not_judged(Type type)
    {
        Assert.That(RouteValueTypes.Reads(Symbol(type)), Is.Null);
        Assert.That(RouteValueTypes.NeverReadsText(Symbol(type)), Is.False);
    }

    /// <summary>Whether the worker's options read <paramref name="value"/>, sent as a route value (a JSON string), into <paramref name="type"/>.</summary>
    private static bool Reads(Type type, string value)
    {
        try
        {
            JsonSerializer.Deserialize(JsonSerializer.Serialize(value), type, WorkerJson);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static ITypeSymbol Symbol(Type type)
    {
        if (type.IsArray)
        {
            return Types.CreateArrayTypeSymbol(Symbol(type.GetElementType()!));
        }

        if (type.IsGenericType)
        {
            var definition = Types.GetTypeByMetadataName(type.GetGenericTypeDefinition().FullName!)!;
            return definition.Construct(type.GetGenericArguments().Select(Symbol).ToArray());
        }

        return Types.GetTypeByMetadataName(type.FullName!) ?? throw new AssertionException($"no symbol for {type}");
    }
}
