using Flash.Manifest.Rules;

namespace Flash.Build;

/// <summary>One error the manifest step can report: its code and its message, side by side.</summary>
internal sealed class BuildError
{
    public BuildError(string code, string messageFormat)
    {
        Code = code;
        MessageFormat = messageFormat;
    }

    /// <summary>The code, e.g. <c>FLASHB01</c>; several situations of one kind share it.</summary>
    public string Code { get; }

    /// <summary>The message, a composite format whose <c>{0}</c>, <c>{1}</c>, … the step fills in.</summary>
    public string MessageFormat { get; }

    /// <summary>The published page that explains the code.</summary>
    public string HelpLink => HelpPages.Link(Code);
}
