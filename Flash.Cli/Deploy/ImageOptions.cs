using System.Text;
using Flash.Cli.Commands;
using Flash.Cli.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// The container image for endpoints that do not name their own (<c>Image</c> on <c>[Endpoint]</c>): either
/// <c>--image</c>, or the image <c>dotnet publish -t:PublishContainer</c> pushes, given by the same three values as the
/// .NET SDK's MSBuild properties ContainerRegistry, ContainerRepository and ContainerImageTag.
/// </summary>
/// <param name="Image">A full image reference (<c>--image</c>).</param>
/// <param name="Registry">ContainerRegistry (<c>--container-registry</c>), e.g. <c>ghcr.io</c>.</param>
/// <param name="Repository">ContainerRepository (<c>--container-repository</c>); the SDK's default is the assembly name in lower case.</param>
/// <param name="Tag">ContainerImageTag (<c>--container-image-tag</c>); the SDK's default is <c>latest</c>.</param>
internal sealed record ImageOptions(string? Image, string? Registry, string? Repository, string? Tag)
{
    public static readonly ImageOptions None = new(null, null, null, null);

    private bool UsesContainerProperties => Registry is not null || Repository is not null || Tag is not null;

    /// <summary>
    /// The app-wide image, or null when none was given: <c>--image</c>, else the <c>--container-*</c> options, else the
    /// container properties the build recorded in the manifest. An image that is not a container image reference is
    /// refused (FLASH008), naming where it came from.
    /// </summary>
    /// <param name="projectName">The app's assembly name (the SDK's default repository, lower-cased).</param>
    /// <param name="recorded">The project's container properties from the manifest.</param>
    public string? Resolve(string projectName, ContainerProperties recorded)
    {
        if (Image is not null && UsesContainerProperties)
        {
            throw new FlashCliException(
                "Pass either --image or the --container-* options (registry, repository, tag), not both.");
        }

        if (Image is not null)
        {
            return Checked(Image.Trim(), "--image");
        }

        if (UsesContainerProperties)
        {
            return Checked(Compose(projectName, Registry, Repository, Tag), "--container-registry, --container-repository, --container-image-tag");
        }

        return recorded.IsSet
            ? Checked(Compose(projectName, recorded.Registry, recorded.Repository, recorded.Tag), "container (the project's ContainerRegistry, ContainerRepository, ContainerImageTag)")
            : null;
    }

    private static string Checked(string image, string source) =>
        ImageRule.Problem(image) is { } problem ? throw new FlashCliException($"{source}: {problem}") : image;

    /// <summary>The image the SDK pushes for these properties: <c>registry/repository:tag</c>, with the SDK's defaults.</summary>
    private static string Compose(string projectName, string? registry, string? repository, string? tag)
    {
        var name = string.IsNullOrWhiteSpace(repository) ? DefaultRepository(projectName) : repository.Trim();
        var version = string.IsNullOrWhiteSpace(tag) ? "latest" : tag.Trim();
        var host = registry?.Trim().TrimEnd('/');
        return string.IsNullOrEmpty(host) ? $"{name}:{version}" : $"{host}/{name}:{version}";
    }

    /// <summary>The SDK's default ContainerRepository: the assembly name in lower case, other characters than a-z, 0-9, '.', '_', '-' and '/' replaced by '-'.</summary>
    private static string DefaultRepository(string projectName)
    {
        var builder = new StringBuilder(projectName.Length);
        foreach (var c in projectName.ToLowerInvariant())
        {
            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-' or '/' ? c : '-');
        }

        return builder.ToString();
    }
}
