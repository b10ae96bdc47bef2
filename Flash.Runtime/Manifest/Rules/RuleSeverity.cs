namespace Flash.Manifest.Rules;

/// <summary>How much a broken rule matters; the names are the ones the documentation and Roslyn use.</summary>
internal enum RuleSeverity
{
    /// <summary>Something Flash cannot confirm; nothing is affected.</summary>
    Info,

    /// <summary>A setting that is ignored, repeated or easy to misread; the declaration is still generated.</summary>
    Warning,

    /// <summary>The platform would reject the declaration, or Flash cannot generate it: it is left out and the build fails.</summary>
    Error,
}
