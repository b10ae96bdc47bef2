using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Flash.Client;

/// <summary>The generated clients of the app: each registers how to create it, so no reflection is needed.</summary>
/// <remarks>For generated code: a module initializer registers each generated client; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlashClientRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<FlashClient, object>> Factories = new();

    /// <summary>Registers how a generated client is created.</summary>
    /// <typeparam name="TClient">The client type (an interface, or a generated class).</typeparam>
    /// <param name="create">Creates it over a <see cref="FlashClient"/>.</param>
    public static void Register<TClient>(Func<FlashClient, TClient> create) where TClient : class
    {
        ArgumentNullException.ThrowIfNull(create);
        Factories[typeof(TClient)] = create;
    }

    /// <summary>Every registered client type with its factory.</summary>
    internal static IEnumerable<KeyValuePair<Type, Func<FlashClient, object>>> Entries => Factories;

    /// <summary>A new client of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">No client of that type was registered.</exception>
    internal static object Create(Type type, FlashClient flash)
    {
        if (!Factories.ContainsKey(type))
        {
            // The generated registration is the module initializer of the assembly that declares the client, which the
            // runtime runs only once code of that assembly runs: an interface from a library nothing has called yet is
            // registered here, on first use. (Native AOT runs every module initializer at startup.)
            RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
        }

        return Factories.TryGetValue(type, out var create)
            ? create(flash)
            : throw new InvalidOperationException(
                $"{type.FullName} is not a generated Flash client. Mark the interface with [EndpointClient], or use a client of the app's own endpoints " +
                "(FlashClients.*), in a project that references Flash.Client so the generator implements it.");
    }
}
