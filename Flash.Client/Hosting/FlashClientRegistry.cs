using System.ComponentModel;

namespace Flash.Client;

/// <summary>The generated clients of the app: each registers how to create it, so no reflection is needed.</summary>
/// <remarks>For generated code: a module initializer registers each generated client; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlashClientRegistry
{
    /// <summary>Registers how a generated client is created.</summary>
    /// <typeparam name="TClient">The client type (an interface, or a generated class).</typeparam>
    /// <param name="create">Creates it over a <see cref="FlashClient"/>.</param>
    public static void Register<TClient>(Func<FlashClient, TClient> create) where TClient : class => throw new NotImplementedException();
}
