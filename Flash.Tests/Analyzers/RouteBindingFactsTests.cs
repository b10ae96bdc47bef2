using System.Net;
using System.Text.Json.Nodes;
using Flash.Manifest;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.LoadBalanced;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Analyzers;

/// <summary>
/// What FLASH410 and FLASH412 rest on, shown on the load-balanced server on real Kestrel: route values reach a method
/// parameter only under exactly its name, and as text, which System.Text.Json reads into a number or a date but never
/// into a bool or a collection. Each route's invoker binds its parameter as a generated shim does (JobBinder.TryBind),
/// since the generator no longer writes shims for these routes.
/// </summary>
public sealed class RouteBindingFactsTests
{
    [Test]
    public async Task A_route_value_binds_only_to_the_parameter_of_exactly_its_name()
    {
        await using var web = await StartAsync(
            Route<string>("/exact/{id}", "id"),
            Route<string>("/other-case/{Id}", "id"));

        Assert.That(await web.SendAsync(HttpMethod.Get, "/exact/abc", null), Is.EqualTo((HttpStatusCode.OK, "\"abc\"")));
        Assert.That(await web.SendAsync(HttpMethod.Get, "/other-case/abc", null), Is.EqualTo((HttpStatusCode.UnprocessableEntity,
            """{"error":"The request has no 'id': send it in the JSON body ({\"id\": <String>, …}), the query string or the path."}""")));
    }

    [Test]
    public async Task A_route_value_is_text_that_reads_as_a_number_or_a_date_but_never_as_a_bool_or_a_collection()
    {
        await using var web = await StartAsync(
            Route<int>("/number/{n}", "n"),
            Route<DateOnly>("/date/{d}", "d"),
            Route<bool>("/flag/{on:bool}", "on"),
            Route<int[]>("/list/{values}", "values"));

        Assert.That(await web.SendAsync(HttpMethod.Get, "/number/42", null), Is.EqualTo((HttpStatusCode.OK, "42")));
        Assert.That(await web.SendAsync(HttpMethod.Get, "/date/2024-05-17", null), Is.EqualTo((HttpStatusCode.OK, "\"2024-05-17\"")));
        var flag = await web.SendAsync(HttpMethod.Get, "/flag/true", null);
        var list = await web.SendAsync(HttpMethod.Get, "/list/1", null);
        Assert.That(flag.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(Error(flag.Text), Does.StartWith("The input 'on' is not a valid Boolean: "));
        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(Error(list.Text), Does.StartWith("The input 'values' is not a valid Int32[]: "));
    }

    [Test]
    public async Task Routes_that_differ_only_in_parameter_names_or_letter_case_are_ambiguous_at_every_request()
    {
        // What FLASH404 rests on: routing compares literals ignoring case and parameters by kind, so it cannot choose.
        await using var web = await StartAsync(
            Route<string>("/a/{x}", "x"),
            Route<string>("/a/{y}", "y"),
            Route<string>("/b/{n}", "n"),
            Route<string>("/B/{n}/", "n"),
            Route<int>("/c/{id:int}", "id"),
            Route<string>("/c/{name}", "name"));

        Assert.That((await web.SendAsync(HttpMethod.Get, "/a/1", null)).Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That((await web.SendAsync(HttpMethod.Get, "/b/1", null)).Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await web.SendAsync(HttpMethod.Get, "/c/1", null), Is.EqualTo((HttpStatusCode.OK, "1")), "a constraint ranks a route above one without");
        Assert.That(await web.SendAsync(HttpMethod.Get, "/c/one", null), Is.EqualTo((HttpStatusCode.OK, "\"one\"")));
    }

    /// <summary>A GET route whose method takes one required parameter <paramref name="name"/> of type <typeparamref name="T"/> and returns it.</summary>
    private static WorkerFunction Route<T>(string path, string name) => new(new FunctionDefinition { Name = name, HttpMethod = "GET", HttpPath = path }, (input, context) =>
        ValueTask.FromResult(JobBinder.TryBind<T>(input, name, true, true, default!, context, out var value, out var error)
            ? JobResult.Success(value, context)
            : error));

    private static string Error(string body) => JsonNode.Parse(body)!["error"]!.GetValue<string>();

    private static async Task<Web> StartAsync(params WorkerFunction[] routes)
    {
        var definition = new EndpointDefinition { Name = "api", Kind = EndpointKind.LoadBalanced };
        var endpoint = new WorkerEndpoint(definition, routes);
        var server = new RouteServer(endpoint, development: false, new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)));
        server.Ready(EndpointRunner.Create(endpoint, FlashJson.CreateOptions(null), new ServiceCollection().BuildServiceProvider()));

        return await Web.StartAsync(app => server.Map(app, healthPort: null));
    }
}
