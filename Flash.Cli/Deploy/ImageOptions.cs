using System.Text;
using Flash.Cli.Cli;
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
    /// container properties the build recorded in the manifest.
    /// </summary>
    /// <param name="projectName">The app's assembly name (the SDK's default repository, lower-cased).</param>
    /// <param name="recorded">The project's container properties from the manifest.</param>
    public string? Resolve(string projectName, ContainerProperties recorded)
    {
        if (Image is null && !UsesContainerProperties && recorded.IsSet)
        {
            return new ImageOptions(null, recorded.Registry, recorded.Repository, recorded.Tag).Resolve(projectName, ContainerProperties.None);
        }

        if (Image is not null && UsesContainerProperties)
        {
            throw new FlashCliException(
                "Pass either --image or the --container-* options (registry, repository, tag), not both.");
        }

        if (Image is not null)
        {
            return string.IsNullOrWhiteSpace(Image) ? throw new FlashCliException("--image must not be empty.") : Image.Trim();
        }

        if (!UsesContainerProperties)
        {
            return null;
        }

        var repository = string.IsNullOrWhiteSpace(Repository) ? DefaultRepository(projectName) : Repository.Trim();
        var tag = string.IsNullOrWhiteSpace(Tag) ? "latest" : Tag.Trim();
        var registry = Registry?.Trim().TrimEnd('/');
        return string.IsNullOrEmpty(registry) ? $"{repository}:{tag}" : $"{registry}/{repository}:{tag}";
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
