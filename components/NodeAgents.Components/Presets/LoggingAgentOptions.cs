namespace NodeAgents.Presets;

/// <summary>
/// Options of the Fluent Bit logging agents: <c>preset: fluent-bit</c> (<see cref="LoggingAgentPreset"/>) and
/// <c>preset: fluent-bit-windows</c> (<see cref="Catalog.FluentBitWindowsPreset"/>) take the same ones.
/// </summary>
public sealed record LoggingAgentOptions : AgentOptions
{
    /// <summary>Fluent Bit's <c>Log_Level</c>: <c>off</c>, <c>error</c>, <c>warn</c>, <c>info</c>, <c>debug</c> or <c>trace</c>. Default <c>info</c>.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Where logs go. Default: a Fluentd/Fluent Bit forward endpoint <c>fluentd.logging.svc:24224</c>.</summary>
    public LogOutput Output { get; init; } = new();

    /// <summary>The valid values of <see cref="LogLevel"/>.</summary>
    public static IReadOnlyList<string> LogLevels { get; } = ["off", "error", "warn", "info", "debug", "trace"];

    /// <inheritdoc />
    public override IReadOnlyList<OptionProblem> Check()
    {
        var problems = base.Check().ToList();
        OptionChecks.OneOf(problems, "logLevel", LogLevel, LogLevels);
        OptionChecks.OneOf(problems, "output.type", Output.Type, LogOutput.Types);
        OptionChecks.OneOf(problems, "output.sharedKey", Output.SharedKey, LogOutput.SharedKeyModes);
        OptionChecks.Host(problems, "output.host", Output.EffectiveHost);
        OptionChecks.Port(problems, "output.port", Output.Port);
        if (Output.SharedKey != "none" && Output.Type != "forward")
        {
            problems.Add(new OptionProblem("output.sharedKey", $"a shared key is only used by the forward output, not by '{Output.Type}'; set sharedKey: none"));
        }

        return problems;
    }
}

/// <summary>The single output of the logging agent.</summary>
public sealed record LogOutput
{
    /// <summary>
    /// The Fluent Bit output plugin: <c>forward</c> (Fluentd or Fluent Bit aggregator), <c>loki</c> (Grafana Loki)
    /// or <c>es</c> (Elasticsearch/OpenSearch). Default <c>forward</c>.
    /// </summary>
    public string Type { get; init; } = "forward";

    /// <summary>
    /// The endpoint's host name. Default: null, meaning the usual in-cluster Service of the output type
    /// (<c>fluentd.logging.svc</c>, <c>loki.logging.svc</c>, <c>elasticsearch.logging.svc</c>).
    /// </summary>
    public string? Host { get; init; }

    /// <summary>The effective host: <see cref="Host"/> or the output type's default.</summary>
    public string EffectiveHost => Host ?? Type switch { "loki" => "loki.logging.svc", "es" => "elasticsearch.logging.svc", _ => "fluentd.logging.svc" };

    /// <summary>The endpoint's TCP port (1 to 65535). Default: null, meaning the plugin's default (forward 24224, loki 3100, es 9200).</summary>
    public int? Port { get; init; }

    /// <summary>Connect with TLS. Default false.</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// For <c>forward</c> only: authenticate with a shared key (Fluent Bit's <c>Shared_Key</c>), read from the agent's Secret.
    /// <c>none</c> (the default), <c>generate</c> (a random password created at deploy time; the logging agents of one stack
    /// that forward to the same host and port with <c>generate</c> share one, see <see cref="Model.SecretSource.SharedFor"/>) or <c>config</c>
    /// (the <c>secure:</c> stack config value <c>forwardSharedKey</c> of the deploying project, e.g. <c>node-agents:forwardSharedKey</c>).
    /// </summary>
    public string SharedKey { get; init; } = "none";

    /// <summary>The effective port: <see cref="Port"/> or the plugin's default.</summary>
    public int EffectivePort => Port ?? Type switch { "loki" => 3100, "es" => 9200, _ => 24224 };

    /// <summary>The valid values of <see cref="Type"/>.</summary>
    public static IReadOnlyList<string> Types { get; } = ["forward", "loki", "es"];

    /// <summary>The valid values of <see cref="SharedKey"/>.</summary>
    public static IReadOnlyList<string> SharedKeyModes { get; } = ["none", "generate", "config"];
}
