using Flash.Tests.Infrastructure;

namespace Flash.Tests.Analyzers;

/// <summary>
/// The rules of [EndpointClient] interfaces: each broken (ID, span and full message asserted), and the nearest
/// interface that keeps it.
/// </summary>
public sealed class ClientRuleTests
{
    private static string Client(string attribute, string members) => $$"""
        {{attribute}}
        public interface IClient
        {
            {{members}}
        }
        """;

    private static TestCaseData Fires(string name, string markup, string id, params string[] messages) =>
        new TestCaseData(markup, id, messages).SetName($"{id}_{name}");

    private static IEnumerable<TestCaseData> Violations()
    {
        yield return Fires("no_name_and_no_id", Client("[[|EndpointClient|]]", "Task<int> RunAsync(int x);"), "FLASH801",
            "Endpoint client 'IClient' names no endpoint; write either the endpoint's name, [EndpointClient(\"name\")], or its id, [EndpointClient(Id = \"id\")]");
        yield return Fires("name_and_id", Client("[EndpointClient(\"e\", [|Id = \"abc\"|])]", "Task<int> RunAsync(int x);"), "FLASH801",
            "Endpoint client 'IClient' gives both a name and an id; write either the endpoint's name, [EndpointClient(\"name\")], or its id, [EndpointClient(Id = \"id\")]");
        yield return Fires("synchronous_result", Client("[EndpointClient(\"e\")]", "int [|Run|](int x);"), "FLASH802",
            "'Run' of endpoint client 'IClient' cannot call the endpoint: it returns int; return Task<T>, ValueTask<T> or Task to wait for the result, Task<FlashJob<T>> for a job handle, or IAsyncEnumerable<T> for a stream");
        yield return Fires("generic_method", Client("[EndpointClient(\"e\")]", "Task<T> [|RunAsync|]<T>(T x);"), "FLASH802",
            "'RunAsync' of endpoint client 'IClient' cannot call the endpoint: it is generic, and a call's input must have one type; declare a method per type");
        yield return Fires("out_parameter", Client("[EndpointClient(\"e\")]", "Task [|RunAsync|](out int x);"), "FLASH802",
            "'RunAsync' of endpoint client 'IClient' cannot call the endpoint: it has a ref, out or in parameter, which a call cannot send back; pass values and return the result");
        yield return Fires("property", Client("[EndpointClient(\"e\")]", "int [|Count|] { get; }"), "FLASH802",
            "'Count' of endpoint client 'IClient' cannot call the endpoint: only methods call an endpoint; declare a method instead");
        yield return Fires("route_beside_a_queue_call", Client("[EndpointClient(\"e\")]", "Task<int> RunAsync(int x);\n    [Get([|\"/models\"|])] Task<string[]> ModelsAsync();"), "FLASH803",
            "'ModelsAsync' of endpoint client 'IClient' calls a route, but 'RunAsync' calls the endpoint's queue; an endpoint is either queue-based or load-balanced, so declare the routes and the queue calls on two interfaces");
        yield return Fires("unclosed_brace", Client("[EndpointClient(\"e\")]", "[Get([|\"/items/{id\"|])] Task<int> ItemAsync(int id);"), "FLASH804",
            "Route GET /items/{id of 'ItemAsync' is not a path the endpoint's routing accepts: the '{' at position 7 is never closed; write the path as the endpoint declares it");
        yield return Fires("path_parameter_without_a_method_parameter", Client("[EndpointClient(\"e\")]", "[Get([|\"/items/{itemId}\"|])] Task<int> ItemAsync(int id);"), "FLASH805",
            "Route GET /items/{itemId} of 'ItemAsync' has the path parameter 'itemId', which no parameter of 'ItemAsync' fills; add a parameter named 'itemId' or rename the path parameter after one of the method's parameters");
        yield return Fires("path_parameter_that_is_the_token", Client("[EndpointClient(\"e\")]", "[Get([|\"/items/{cancellationToken}\"|])] Task<int> ItemAsync(CancellationToken cancellationToken);"), "FLASH805",
            "Route GET /items/{cancellationToken} of 'ItemAsync' has the path parameter 'cancellationToken', which no parameter of 'ItemAsync' fills; add a parameter named 'cancellationToken' or rename the path parameter after one of the method's parameters");
        yield return Fires("streaming_route", Client("[EndpointClient(\"e\")]", "[Get([|\"/words\"|])] IAsyncEnumerable<string> WordsAsync();"), "FLASH806",
            "Route GET /words of 'WordsAsync' returns System.Collections.Generic.IAsyncEnumerable<string>, but a route answers once, with its response; return Task<T>, ValueTask<T> or Task, and call streams and jobs through the endpoint's queue");
        yield return Fires("job_route", Client("[EndpointClient(\"e\")]", "[Post([|\"/jobs\"|])] Task<Flash.Client.FlashJob<int>> StartAsync(int x);"), "FLASH806",
            "Route POST /jobs of 'StartAsync' returns System.Threading.Tasks.Task<Flash.Client.FlashJob<int>>, but a route answers once, with its response; return Task<T>, ValueTask<T> or Task, and call streams and jobs through the endpoint's queue");
    }

    private static IEnumerable<TestCaseData> Nearest()
    {
        yield return new TestCaseData(Client("[EndpointClient(\"e\")]", "Task<int> RunAsync(int x);")).SetName("A_client_with_a_name_is_clean");
        yield return new TestCaseData(Client("[EndpointClient(Id = \"abc\")]", "Task<int> RunAsync(int x);")).SetName("A_client_with_an_id_is_clean");
        yield return new TestCaseData(Client("[EndpointClient(\"e\")]",
            "ValueTask<int> A(int x);\n    Task B();\n    ValueTask C();\n    Task<Flash.Client.FlashJob<int>> D(int x, CancellationToken ct);\n    IAsyncEnumerable<int> E(int x);\n    int F(int x) => x;"))
            .SetName("Every_queue_shape_and_a_default_method_are_clean");
        yield return new TestCaseData(Client("[EndpointClient(\"e\")]", "[Get(\"/items/{id:int}\")] Task<int> ItemAsync(int id, CancellationToken ct);\n    [Post(\"/items\")] ValueTask AddAsync(string name);"))
            .SetName("Routes_whose_path_parameters_are_method_parameters_are_clean");
    }

    [TestCaseSource(nameof(Violations))]
    public Task Each_rule_fires_on_the_member_or_argument_at_fault(string markup, string id, string[] messages) => AnalyzerHarness.VerifyAsync(markup, id, messages);

    [TestCaseSource(nameof(Nearest))]
    public Task The_nearest_valid_interface_is_clean(string markup) => AnalyzerHarness.VerifyCleanAsync(markup);
}
