namespace NodeAgents.Presets;

/// <summary>Options of the Falco security agent (see <see cref="SecurityAgentPreset"/>).</summary>
public sealed record SecurityAgentOptions : AgentOptions
{
    /// <summary>
    /// <c>alert</c> (the default) sends every event at or above <see cref="MinimumPriority"/> to <see cref="AlertUrl"/>
    /// as well as to stdout; <c>audit</c> only writes events to stdout (JSON), for trying rules without paging anyone.
    /// </summary>
    public string Mode { get; init; } = "alert";

    /// <summary>Where alerts are POSTed in <c>alert</c> mode (Falco's <c>http_output.url</c>), e.g. a Falcosidekick. Default <c>http://falcosidekick.falco.svc:2801/</c>.</summary>
    public string AlertUrl { get; init; } = "http://falcosidekick.falco.svc:2801/";

    /// <summary>Falco's <c>priority</c>: the lowest rule priority that produces an event (<c>emergency</c> … <c>debug</c>). Default <c>notice</c>.</summary>
    public string MinimumPriority { get; init; } = "notice";

    /// <summary>Falco's <c>log_level</c>: <c>emergency</c> … <c>debug</c>. Default <c>info</c>.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>
    /// Run the container privileged instead of with the least-privilege capability set of the modern eBPF driver
    /// (BPF, PERFMON, SYS_RESOURCE, SYS_PTRACE). Only for kernels where that set is not enough. Default false.
    /// </summary>
    public bool Privileged { get; init; }

    /// <summary>Local rules (YAML text) written to <c>/etc/falco/falco_rules.local.yaml</c>. Default: an empty list of rules.</summary>
    public string LocalRules { get; init; } = "# Local Falco rules; upstream rules stay in falco_rules.yaml.\n[]\n";

    /// <summary>The valid values of <see cref="Mode"/>.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["alert", "audit"];

    /// <summary>Falco's rule priorities, highest first (valid for <see cref="MinimumPriority"/>; falco.yaml reference, <c>priority</c>).</summary>
    public static IReadOnlyList<string> Priorities { get; } = ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "info", "debug"];

    /// <summary>Falco's log levels (valid for <see cref="LogLevel"/>; falco.yaml reference, <c>log_level</c>).</summary>
    public static IReadOnlyList<string> LogLevels { get; } = ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    /// <inheritdoc />
    public override IReadOnlyList<OptionProblem> Check()
    {
        var problems = base.Check().ToList();
        OptionChecks.OneOf(problems, "mode", Mode, Modes);
        OptionChecks.OneOf(problems, "minimumPriority", MinimumPriority, Priorities);
        OptionChecks.OneOf(problems, "logLevel", LogLevel, LogLevels);
        if (Mode == "alert")
        {
            OptionChecks.HttpUrl(problems, "alertUrl", AlertUrl);
        }

        try
        {
            new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(LocalRules));
        }
        catch (YamlDotNet.Core.YamlException error)
        {
            problems.Add(new OptionProblem("localRules", $"is not valid YAML (line {error.Start.Line} of the rules: {error.Message}); Falco would fail to start on every node"));
        }

        return problems;
    }
}
