using System.Linq;
using System.Text;
using Flash.Generators.Model;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders one endpoint's shim: a direct, reflection-free invoker per method. Values the template writes as C# literals
/// are handed to it as literals.
/// </summary>
internal static class ShimEmitter
{
    public static string Emit(ShimModel endpoint)
    {
        var functions = new ScriptArray();
        foreach (var function in endpoint.Functions)
        {
            functions.Add(Function(endpoint, function));
        }

        var model = new ScriptObject
        {
            ["name"] = CSharpLiteral.String(endpoint.Name),
            ["type"] = endpoint.Type.FullName,
            ["type_name"] = endpoint.Type.MetadataName,
            ["shim_class"] = endpoint.ClassName,
            ["needs_instance"] = endpoint.Functions.Any(f => !f.IsStatic),
            ["constructor_arguments"] = ConstructorArguments(endpoint),
            ["functions"] = functions,
        };
        return Templates.RenderShim(model);
    }

    /// <summary>The constructor call's arguments: each parameter resolved from the app's services by its type.</summary>
    private static string ConstructorArguments(ShimModel endpoint)
    {
        var arguments = new StringBuilder();
        foreach (var parameter in endpoint.Type.Constructor)
        {
            if (arguments.Length > 0)
            {
                arguments.Append(", ");
            }

            arguments.Append(parameter.DefaultValue is { } fallback
                ? $"global::Flash.Workers.EndpointServices.Optional<{parameter.Type}>(services, {fallback})"
                : $"global::Flash.Workers.EndpointServices.Require<{parameter.Type}>(services, {CSharpLiteral.String(endpoint.Name)}, {CSharpLiteral.String(parameter.Name)})");
        }

        return arguments.ToString();
    }

    private static ScriptObject Function(ShimModel endpoint, FunctionModel function)
    {
        var bound = new ScriptArray();
        var call = new StringBuilder();
        call.Append(function.IsStatic ? endpoint.Type.FullName : "context.GetInstance<" + endpoint.Type.FullName + ">()").Append('.').Append(function.Name).Append('(');
        for (var i = 0; i < function.Parameters.Count; i++)
        {
            var parameter = function.Parameters[i];
            if (i > 0)
            {
                call.Append(", ");
            }

            if (parameter.IsCancellationToken)
            {
                call.Append("context.CancellationToken");
                continue;
            }

            var local = "arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            call.Append(local);
            bound.Add(new ScriptObject
            {
                ["name"] = CSharpLiteral.String(parameter.Name),
                ["type"] = parameter.Type,
                ["local"] = local,
                ["required"] = parameter.IsOptional ? "false" : "true",
                ["accepts_null"] = parameter.AcceptsNull ? "true" : "false",
                ["fallback"] = parameter.DefaultValue ?? "default!",
            });
        }

        call.Append(')');
        var awaited = function.IsAsync ? "await " + call + ".ConfigureAwait(false)" : call.ToString();
        return new ScriptObject
        {
            ["name"] = function.Name,
            ["is_async"] = function.IsAsync,
            ["bound"] = bound,
            ["call"] = awaited,
            ["has_result"] = function.ResultType is not null,
            ["result_factory"] = function.Return == ReturnShape.AsyncEnumerable ? "Stream" : "Success",
            ["wrap_open"] = function.IsAsync ? string.Empty : "new global::System.Threading.Tasks.ValueTask<global::Flash.Workers.JobResult>(",
            ["wrap_close"] = function.IsAsync ? string.Empty : ")",
        };
    }
}
