namespace NodeAgents.Presets;

/// <summary>Options of the node-exporter monitoring agent (see <see cref="MonitoringAgentPreset"/>).</summary>
public sealed record MonitoringAgentOptions : AgentOptions
{
    /// <summary>node-exporter's <c>--log.level</c>: <c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>. Default <c>info</c>.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>The port node-exporter listens on, on every node (host network). Default 9100.</summary>
    public int Port { get; init; } = 9100;

    /// <summary>Extra node-exporter flags, e.g. <c>--collector.systemd</c>. Default: none.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>The valid values of <see cref="LogLevel"/>.</summary>
    public static IReadOnlyList<string> LogLevels { get; } = ["debug", "info", "warn", "error"];

    /// <inheritdoc />
    public override IReadOnlyList<OptionProblem> Check()
    {
        var problems = base.Check().ToList();
        OptionChecks.OneOf(problems, "logLevel", LogLevel, LogLevels);
        for (var i = 0; i < ExtraArgs.Count; i++)
        {
            OptionChecks.Flag(problems, $"extraArgs[{i}]", ExtraArgs[i]);
        }

        return problems;
    }
}
