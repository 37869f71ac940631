namespace NodeAgents.Cli;

/// <summary>The exit codes of every <c>nodeagents</c> command (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Success: nothing wrong was found.</summary>
    public const int Ok = 0;

    /// <summary>The input was read, but the result breaks a rule (validation errors, coverage gaps, pending pods).</summary>
    public const int Findings = 1;

    /// <summary>The input could not be read or bound: missing file, syntax error, unknown key, wrong type, invalid value; or the output folder could not be replaced.</summary>
    public const int BadInput = 2;

    /// <summary>A defect of the tool itself (an unexpected exception); reported in one line, without a stack trace.</summary>
    public const int InternalError = 3;
}
