using System;
using System.Globalization;

namespace Flash.Build;

/// <summary>
/// A failure the task reports as one of <see cref="BuildErrors"/>: thrown where it is found, logged once by the task.
/// </summary>
internal sealed class BuildErrorException : Exception
{
    public BuildErrorException(BuildError error, params object?[] arguments)
        : base(string.Format(CultureInfo.InvariantCulture, error.MessageFormat, arguments))
    {
        Error = error;
        Arguments = arguments;
    }

    /// <summary>Which error.</summary>
    public BuildError Error { get; }

    /// <summary>The values its message names.</summary>
    public object?[] Arguments { get; }
}
