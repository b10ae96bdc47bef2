namespace Flash.Generators.Model;

/// <summary>How a client method calls its endpoint.</summary>
internal enum ClientCall
{
    /// <summary><c>/runsync</c>: waits for the result.</summary>
    RunSync,

    /// <summary><c>/run</c>: returns a job handle.</summary>
    Run,

    /// <summary><c>/run</c> then <c>/stream</c>: the parts as they come.</summary>
    Stream,

    /// <summary>An HTTP route of a load-balanced endpoint.</summary>
    Route,
}

/// <summary>One generated client class. Value-equatable; holds no Roslyn object.</summary>
/// <param name="ClassName">The generated class.</param>
/// <param name="Interface">The implemented <c>[EndpointClient]</c> interface, fully qualified; null for an own endpoint's client.</param>
/// <param name="Name">The endpoint's name, resolved at run time; null when <paramref name="Id"/> fixes it.</param>
/// <param name="Id">The endpoint's id, or null.</param>
/// <param name="IsLoadBalanced">Whether the endpoint serves routes rather than a queue.</param>
/// <param name="Methods">The methods, in declaration order.</param>
/// <param name="IsPublic">
/// An own endpoint's client whose every method's types are public: public itself, so a public endpoint class can take
/// it in its constructor.
/// </param>
internal sealed record ClientModel(string ClassName, string? Interface, string? Name, string? Id, bool IsLoadBalanced, EquatableArray<ClientMethod> Methods, bool IsPublic = false);

/// <summary>One method of a generated client.</summary>
/// <param name="Name">The C# method name.</param>
/// <param name="Call">What it calls.</param>
/// <param name="ReturnType">The declared return type, fully qualified.</param>
/// <param name="ResultType">The type the endpoint answers with (a stream's part type), fully qualified; null for none.</param>
/// <param name="IsValueTask">Whether the method returns a ValueTask, which wraps the client's Task.</param>
/// <param name="Parameters">The parameters as declared (a trailing CancellationToken included).</param>
/// <param name="EndpointMethod">The class endpoint's method the input names (<c>"method"</c>), or null.</param>
/// <param name="HttpMethod">GET, POST…: routes only.</param>
/// <param name="Path">The route path, literals and parameters in order: routes only.</param>
internal sealed record ClientMethod(
    string Name,
    ClientCall Call,
    string ReturnType,
    string? ResultType,
    bool IsValueTask,
    EquatableArray<ClientParameter> Parameters,
    string? EndpointMethod,
    string? HttpMethod,
    EquatableArray<PathPart> Path);

/// <summary>A parameter of a client method.</summary>
/// <param name="Name">Its name: the input or body key, or the path parameter it fills.</param>
/// <param name="Type">Fully qualified type.</param>
/// <param name="DefaultValue">The C# literal of its default value, or null.</param>
/// <param name="IsCancellationToken">Passed to the call rather than sent.</param>
internal sealed record ClientParameter(string Name, string Type, string? DefaultValue, bool IsCancellationToken);

/// <summary>A piece of a route path: literal text, or the parameter whose value fills it.</summary>
/// <param name="Literal">The text, unescaped; null for a parameter.</param>
/// <param name="Parameter">The path parameter's name; null for a literal.</param>
internal sealed record PathPart(string? Literal, string? Parameter);

/// <summary>The app's generated clients: one file.</summary>
/// <param name="Namespace">The namespace (FlashManifest's, for the own endpoints' clients).</param>
/// <param name="Own">The clients of the app's own endpoints, nested in <c>FlashClients</c>.</param>
/// <param name="Interfaces">The implementations of the app's <c>[EndpointClient]</c> interfaces.</param>
/// <param name="JsonResolver">The C# expression of the app's JSON metadata, as the registry has it.</param>
internal sealed record ClientsModel(string Namespace, EquatableArray<ClientModel> Own, EquatableArray<ClientModel> Interfaces, string JsonResolver);
