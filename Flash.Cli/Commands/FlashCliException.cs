namespace Flash.Cli.Commands;

/// <summary>
/// A problem the user can fix (bad input, missing credentials, an API refusal). Its message says what is wrong and what
/// to do, and is printed as is, without a stack trace.
/// </summary>
internal sealed class FlashCliException : Exception
{
    public FlashCliException(string message)
        : base(message)
    {
    }

    public FlashCliException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
