extern alias generators;

using System.Reflection;
using Flash.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RouteConstraints = generators::Flash.Generators.Parsing.Routes.RouteConstraints;
using RouteParameter = generators::Flash.Generators.Parsing.Routes.RouteParameter;
using RouteTemplate = generators::Flash.Generators.Parsing.Routes.RouteTemplate;
using RouteTemplateParser = generators::Flash.Generators.Parsing.Routes.RouteTemplateParser;

namespace Flash.Tests.Generator;

/// <summary>
/// Flash's reading of route paths against ASP.NET Core itself, over <see cref="RouteTemplateCorpus"/>: the same paths
/// accepted with the same parameters, each rejection explained as the problem ASP.NET Core reports, the same
/// constraints created, and every path Flash accepts mapped and routed by the worker's own web host.
/// </summary>
public sealed class RouteTemplateCorpusTests
{
    /// <summary>Each kind of clause the parser gives, and the words of the RoutePatternException ASP.NET Core throws for it.</summary>
    private static readonly (string Flash, string AspNetCore)[] SyntaxProblems =
    [
        ("is never closed", "There is an incomplete parameter"),
        ("closes no parameter", "There is an incomplete parameter"),
        ("is inside the parameter that starts", "must be escaped with '{{' and '}}'"),
        ("follows another '/'", "cannot appear consecutively"),
        ("may start with '~' only as '~/'", "cannot start with a '~' character unless followed by a '/'"),
        ("which would start the query string", "Literal sections cannot contain the '?' character"),
        ("cannot also be optional", "A catch-all parameter cannot be marked optional"),
        ("cannot also have a default value", "An optional parameter cannot have default value"),
        ("has no name", "is invalid"),
        ("names cannot contain", "is invalid"),
        ("appears twice", "appears more than one time"),
        ("must be the last segment", "can only appear as the last segment"),
        ("must fill its segment alone", "cannot contain a catch-all parameter"),
        ("must end its segment", "An optional parameter must be at the end of the segment"),
        ("only a '.' may come before an optional parameter", "Only a period (.) can precede an optional parameter"),
        ("follow each other in one segment", "cannot contain two consecutive parameters"),
    ];

    /// <summary>Each kind of constraint clause, and how ASP.NET Core fails to create the constraint (see <see cref="Failure"/>).</summary>
    private static readonly (string Flash, string AspNetCore)[] ConstraintProblems =
    [
        ("is not one the worker's routing knows", "unresolved"),
        ("has no closing ')'", "unresolved"),
        ("takes no arguments", "no matching constructor"),
        ("takes one or two numbers", "no matching constructor"),
        ("takes two numbers", "no matching constructor"),
        ("needs a number in parentheses", "missing argument"),
        ("is not a whole number", "argument format"),
        ("does not fit in a", "argument overflow"),
        ("has a negative length", "argument out of range"),
        ("above its maximum", "argument out of range"),
        ("has no 'regex' constraint", "not registered"),
    ];

    [Test]
    public void Flash_accepts_exactly_the_paths_aspnetcore_parses_with_the_same_parameters_and_says_why_it_rejects_the_others()
    {
        var mismatches = new List<string>();
        int accepted = 0, rejected = 0;
        foreach (var path in RouteTemplateCorpus.All)
        {
            var ours = RouteTemplateParser.Parse(path);
            var (pattern, exception) = AspNetCoreParse(path);
            if (pattern is not null)
            {
                accepted++;
                var expected = string.Join(" ", pattern.Parameters.Select(Describe));
                var actual = ours.Error ?? string.Join(" ", ours.Parameters.Select(Describe));
                if (actual != expected)
                {
                    mismatches.Add($"'{path}': ASP.NET Core reads {expected}; Flash: {actual}");
                }
            }
            else
            {
                rejected++;
                if (exception is not RoutePatternException)
                {
                    mismatches.Add($"'{path}': ASP.NET Core threw {exception!.GetType().Name}, not RoutePatternException");
                }
                else if (ours.Error is null)
                {
                    mismatches.Add($"'{path}': Flash accepts it; ASP.NET Core: {exception.Message}");
                }
                else if (Explains(SyntaxProblems, ours.Error) is not { } words || !exception.Message.Contains(words, StringComparison.Ordinal))
                {
                    mismatches.Add($"'{path}': Flash says '{ours.Error}'; ASP.NET Core: {exception.Message}");
                }
            }
        }

        TestContext.Out.WriteLine($"{RouteTemplateCorpus.All.Count} paths (seed {RouteTemplateCorpus.Seed}): {accepted} accepted, {rejected} rejected by ASP.NET Core");
        Assert.That(mismatches.Take(20), Is.Empty, $"{mismatches.Count} disagreements");
        Assert.That(accepted, Is.GreaterThan(3000), "the corpus must hold many valid paths");
        Assert.That(rejected, Is.GreaterThan(3000), "the corpus must hold many invalid paths");
    }

    [Test]
    public async Task Flash_accepts_exactly_the_constraints_the_worker_routing_creates()
    {
        await using var app = WorkerApp();
        var factory = app.Services.GetRequiredService<ParameterPolicyFactory>();
        var mismatches = new List<string>();
        var withConstraints = 0;
        foreach (var path in RouteTemplateCorpus.All)
        {
            if (AspNetCoreParse(path).Pattern is not { } pattern)
            {
                continue;
            }

            withConstraints += pattern.Parameters.Any(p => p.ParameterPolicies.Count > 0) ? 1 : 0;
            var theirs = pattern.Parameters
                .SelectMany(p => p.ParameterPolicies.Select(policy => Failure(() => factory.Create(p, policy))))
                .FirstOrDefault(failure => failure is not null);
            var ours = RouteTemplate.Parse(path).Error;
            if (ours is null != theirs is null || (ours is not null && Explains(ConstraintProblems, ours) != theirs))
            {
                mismatches.Add($"'{path}': Flash says {ours ?? "valid"}; ASP.NET Core: {theirs ?? "creates every constraint"}");
            }
        }

        TestContext.Out.WriteLine($"{withConstraints} parsed paths with constraints");
        Assert.That(mismatches.Take(20), Is.Empty, $"{mismatches.Count} disagreements");
        Assert.That(withConstraints, Is.GreaterThan(1500), "the corpus must hold many constraints");
    }

    [Test]
    public async Task Every_path_flash_accepts_is_mapped_and_routed_by_the_worker_web_host()
    {
        var accepted = RouteTemplateCorpus.All.Where(p => RouteTemplate.Parse(p).Error is null).ToList();
        foreach (var batch in accepted.Chunk(250))
        {
            await using var app = WorkerApp();
            foreach (var path in batch)
            {
                app.MapMethods(path, ["GET"], (RequestDelegate)(_ => Task.CompletedTask));
            }

            // The first request builds the route table, creating every constraint of every route. Its method matches
            // no route, so routes that all match its path (the batch may hold '/{a?}' and '/{*a}') are not ambiguous.
            Assert.That(async () => await RouteAsync(app, "PROBE", "/"), Throws.Nothing, $"a batch holding '{batch[0]}' … '{batch[^1]}'");
        }

        TestContext.Out.WriteLine($"{accepted.Count} accepted paths routed");
        Assert.That(accepted, Has.Count.GreaterThan(2000));
    }

    [Test]
    public async Task A_path_flash_rejects_fails_in_the_worker_web_host_when_mapped_or_at_the_first_request()
    {
        var rejected = RouteTemplateCorpus.All.Where(p => RouteTemplate.Parse(p).Error is not null).ToList();
        var bySyntax = rejected.Where(p => RouteTemplateParser.Parse(p).Error is not null).Take(100).ToList();
        var byConstraint = rejected.Where(p => RouteTemplateParser.Parse(p).Error is null).Take(100).ToList();

        foreach (var path in bySyntax)
        {
            await using var app = WorkerApp();
            Assert.That(() => app.MapMethods(path, ["GET"], (RequestDelegate)(_ => Task.CompletedTask)), Throws.InstanceOf<RoutePatternException>(), path);
        }

        foreach (var path in byConstraint)
        {
            await using var app = WorkerApp();
            app.MapMethods(path, ["GET"], (RequestDelegate)(_ => Task.CompletedTask));
            Assert.That(async () => await RouteAsync(app, "GET", "/ping"), Throws.Exception, path);
        }

        Assert.That((bySyntax.Count, byConstraint.Count), Is.EqualTo((100, 100)));
    }

    [Test]
    public async Task The_known_constraints_are_the_worker_routing_constraint_map()
    {
        await using var app = WorkerApp();
        var map = app.Services.GetRequiredService<IOptions<RouteOptions>>().Value.ConstraintMap;

        var resolvable = map.Where(c => c.Value.Name != "RegexErrorStubRouteConstraint").Select(c => c.Key).Order(StringComparer.Ordinal);
        Assert.That(string.Join(", ", resolvable), Is.EqualTo(RouteConstraints.Names));
        Assert.That(map["regex"].Name, Is.EqualTo("RegexErrorStubRouteConstraint"), "the worker's slim routing has no regex constraint");
    }

    [Test]
    public void The_reasons_the_FLASH409_page_gives_are_the_ones_flash_reports()
    {
        var page = File.ReadAllLines(Path.Combine(Infrastructure.RepoPaths.Docs, "diagnostics", "FLASH409.md"));
        var rows = page
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| `([^`]*)`[^|]* \| `(.*)` \|$"))
            .Where(m => m.Success)
            .Select(m => (Example: m.Groups[1].Value, Reason: m.Groups[2].Value))
            .ToList();

        Assert.That(rows, Has.Count.GreaterThan(25));
        foreach (var (example, reason) in rows)
        {
            var path = example.StartsWith('{') ? "/" + example : example;
            Assert.That(RouteTemplate.Parse(path).Error, Is.EqualTo(reason), example);
        }
    }

    /// <summary>An app built as the load-balanced worker builds its own, with routing in its pipeline.</summary>
    private static WebApplication WorkerApp()
    {
        var app = WorkerHosting.CreateWebBuilder(new FlashWorkerOptions { Configure = b => b.Logging.ClearProviders() }).Build();
        app.UseRouting();
        app.Use((HttpContext _, RequestDelegate _) => Task.CompletedTask);
        return app;
    }

    private static Task RouteAsync(WebApplication app, string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        return ((IApplicationBuilder)app).Build()(context);
    }

    private static (RoutePattern? Pattern, Exception? Exception) AspNetCoreParse(string path)
    {
        try
        {
            return (RoutePatternFactory.Parse(path), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    private static string Describe(RouteParameter p) =>
        $"{{{p.Name}|{(p.IsOptional ? "optional" : p.IsCatchAll ? "catch-all" : "standard")}|{p.Default ?? "no default"}|{string.Join(",", p.Constraints)}}}";

    private static string Describe(RoutePatternParameterPart p) =>
        $"{{{p.Name}|{(p.IsOptional ? "optional" : p.IsCatchAll ? "catch-all" : "standard")}|{p.Default ?? "no default"}|{string.Join(",", p.ParameterPolicies.Select(c => c.Content))}}}";

    /// <summary>The words <paramref name="clause"/> corresponds to, when exactly one kind of clause matches it.</summary>
    private static string? Explains((string Flash, string AspNetCore)[] kinds, string clause)
    {
        var matches = kinds.Where(k => clause.Contains(k.Flash, StringComparison.Ordinal)).Select(k => k.AspNetCore).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>How creating a constraint failed, or null when it did not.</summary>
    private static string? Failure(Action create)
    {
        try
        {
            create();
            return null;
        }
        catch (Exception ex)
        {
            return ex switch
            {
                InvalidOperationException when ex.Message.Contains("could not be resolved to a type", StringComparison.Ordinal) => "unresolved",
                RouteCreationException when ex.Message.StartsWith("Could not find a constructor", StringComparison.Ordinal) => "no matching constructor",
                RouteCreationException { InnerException: InvalidCastException } => "missing argument",
                RouteCreationException { InnerException: FormatException } => "argument format",
                RouteCreationException { InnerException: OverflowException } => "argument overflow",
                RouteCreationException { InnerException: TargetInvocationException { InnerException: ArgumentOutOfRangeException } } => "argument out of range",
                RouteCreationException { InnerException: TargetInvocationException { InnerException: InvalidOperationException } } => "not registered",
                _ => $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException?.GetType().Name})",
            };
        }
    }
}
