using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Client;

/// <summary>
/// The JSON options calls are written and read with: the same as the worker binds jobs with (web conventions, the
/// app's <c>JsonSerializerContext</c> metadata, Flash's own for primitives), so what a client sends is what the
/// endpoint's method receives.
/// </summary>
/// <remarks>For generated code: each generated client makes its options here; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlashClientJson
{
    /// <summary>Options over the app's metadata.</summary>
    /// <param name="appResolver">The app's contexts combined, or null when it declares none.</param>
    /// <returns>Read-only options.</returns>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver? appResolver) => throw new NotImplementedException();
}
