namespace Flash.Manifest.Rules;

/// <summary>One row of <see cref="RuleTable"/>: what Flash says, wherever it checks, when a declaration breaks a rule.</summary>
internal sealed class Rule
{
    public Rule(ProblemId problem, string id, RuleSeverity severity, string category, string title, string messageFormat, bool appWide)
    {
        Problem = problem;
        Id = id;
        Severity = severity;
        Category = category;
        Title = title;
        MessageFormat = messageFormat;
        AppWide = appWide;
    }

    /// <summary>The rule, as the checks name it.</summary>
    public ProblemId Problem { get; }

    /// <summary>The diagnostic ID, e.g. <c>FLASH102</c>; users suppress and configure the rule by it.</summary>
    public string Id { get; }

    /// <summary>The default severity; only <see cref="RuleSeverity.Error"/> leaves the declaration out of the generated code.</summary>
    public RuleSeverity Severity { get; }

    /// <summary>The category, e.g. <c>Flash.Compute</c>; an .editorconfig can set the severity of a whole category.</summary>
    public string Category { get; }

    /// <summary>A short name of the rule: the page's heading and the index's title column.</summary>
    public string Title { get; }

    /// <summary>The message, a composite format whose <c>{0}</c>, <c>{1}</c>, … are the values the check names.</summary>
    public string MessageFormat { get; }

    /// <summary>
    /// Whether the check needs every declaration of the app (duplicate names, unattached volumes, the entry point), so
    /// an analyzer can report it only once the whole compilation has been analyzed.
    /// </summary>
    public bool AppWide { get; }

    /// <summary>Whether breaking the rule keeps the declaration out of the generated code and the manifest.</summary>
    public bool IsError => Severity == RuleSeverity.Error;

    /// <summary>The published page that explains the rule.</summary>
    public string HelpLink => HelpPages.Link(Id);
}
