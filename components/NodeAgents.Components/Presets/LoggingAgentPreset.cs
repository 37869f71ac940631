using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets;

/// <summary>
/// Fluent Bit as the logging agent. Facts from the upstream manifests (fluent/fluent-bit-kubernetes-logging) and the
/// Fluent Bit docs: tails <c>/var/log/containers/*.log</c> (read-only hostPath <c>/var/log</c>), keeps its offset database in
/// a writable <c>DirectoryOrCreate</c> state directory, enriches records through the API (get/list/watch pods and namespaces),
/// serves its HTTP monitoring API on port 2020 (<c>/api/v1/health</c>), and tolerates every taint so no node runs without logging.
/// </summary>
public static class LoggingAgentPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("cr.fluentbit.io/fluent/fluent-bit", "3.2.10");

    /// <summary>The HTTP monitoring port.</summary>
    public const int HttpPort = 2020;

    /// <summary>Where the offset database lives on the node (and in the container).</summary>
    public const string StateDirectory = "/var/lib/fluent-bit";

    /// <summary>The secret env var holding the forward shared key.</summary>
    public const string SharedKeyEnv = "FORWARD_SHARED_KEY";

    /// <summary>The stack config key of a <c>secure:</c> shared key, in the deploying project's namespace (<c>&lt;project&gt;:forwardSharedKey</c>).</summary>
    public const string SharedKeyConfigKey = "forwardSharedKey";

    /// <summary>Where the Linux agent tails container logs and keeps its offset database.</summary>
    public static FluentBitTail LinuxTail { get; } = new("/var/log/containers/*.log", StateDirectory + "/flb_kube.db", "5MB");

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(LoggingAgentOptions? options = null)
    {
        options ??= new LoggingAgentOptions();
        return options.ApplyTo(Spec(options));
    }

    /// <summary>
    /// The preset's spec for <paramref name="options"/> before the overrides every preset takes are applied
    /// (<see cref="AgentOptions.ApplyTo"/>): what the Windows Fluent Bit preset starts from.
    /// </summary>
    internal static NodeAgentSpec Spec(LoggingAgentOptions options)
    {
        var output = options.Output;
        return new NodeAgentSpec
        {
            Name = "fluent-bit",
            Role = AgentRole.Logging,
            Image = DefaultImage,
            Command = ["/fluent-bit/bin/fluent-bit"],
            Args = ["--workdir=/fluent-bit/etc", "--config=/fluent-bit/etc/conf/fluent-bit.conf"],
            Env = [FieldRef("NODE_NAME", "spec.nodeName")],
            SecretEnv = output.Type == "forward" && output.SharedKey != "none"
                ? [new SecretEnvVar(SharedKeyEnv, "shared-key", output.SharedKey == "config" ? new SecretSource(SharedKeyConfigKey) : new SecretSource(SharedFor: $"forward {output.EffectiveHost}:{output.EffectivePort}"))]
                : [],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = HttpPort, Protocol = "TCP" }],
            Resources = Resources("100m", "128Mi", null, "256Mi"),
            LivenessProbe = HttpProbe("/", "http", 10),
            ReadinessProbe = HttpProbe("/api/v1/health", "http", 10),
            TerminationGracePeriodSeconds = 10,
            HostPaths =
            [
                new HostPathMount("varlog", "/var/log", "/var/log"),
                new HostPathMount("state", StateDirectory, StateDirectory, HostPathTypes.DirectoryOrCreate, Writable: true),
            ],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["fluent-bit.conf"] = Config(options, LinuxTail) },
            ConfigMount = new ConfigMount("/fluent-bit/etc/conf"),
            NodeSelector = LinuxOnly(),
            NodeAffinity = AvoidVirtualAndOptedOutNodes(),
            Tolerations = Tolerations.EveryTaint(),
            ClusterRules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces", "pods"], Verbs = ["get", "list", "watch"] },
            ],
            // Fluent Bit's "Docker" installation docs list the manifest architectures x86_64, arm64v8 and arm32v7.
            Requirements = new NodeRequirements { Architectures = ["amd64", "arm64", "arm"] },
        };
    }

    /// <summary>The <c>fluent-bit.conf</c> text (classic format) for the options.</summary>
    public static string Config(LoggingAgentOptions options) => Config(options, LinuxTail);

    /// <summary>The <c>fluent-bit.conf</c> text (classic format) for the options, tailing as <paramref name="tail"/> says.</summary>
    public static string Config(LoggingAgentOptions options, FluentBitTail tail)
    {
        var output = options.Output;
        var tls = output.Tls ? "On" : "Off";
        var outputSection = output.Type switch
        {
            "loki" => $"""
                [OUTPUT]
                    Name        loki
                    Match       *
                    Host        {output.EffectiveHost}
                    Port        {output.EffectivePort}
                    tls         {tls}
                    labels      job=fluent-bit, node=${"{"}NODE_NAME{"}"}
                    auto_kubernetes_labels on
                """,
            "es" => $"""
                [OUTPUT]
                    Name               es
                    Match              *
                    Host               {output.EffectiveHost}
                    Port               {output.EffectivePort}
                    tls                {tls}
                    Logstash_Format    On
                    Replace_Dots       On
                    Suppress_Type_Name On
                    Retry_Limit        False
                """,
            _ => $"""
                [OUTPUT]
                    Name        forward
                    Match       *
                    Host        {output.EffectiveHost}
                    Port        {output.EffectivePort}
                    tls         {tls}
                """ + (output.SharedKey == "none" ? "" : $"\n    Shared_Key  ${{{SharedKeyEnv}}}\n    Self_Hostname ${{NODE_NAME}}"),
        };

        return $"""
            [SERVICE]
                Flush         1
                Log_Level     {options.LogLevel}
                Daemon        off
                HTTP_Server   On
                HTTP_Listen   0.0.0.0
                HTTP_Port     {HttpPort}
                Health_Check  On

            [INPUT]
                Name              tail
                Tag               kube.*
                Path              {tail.Path}
                multiline.parser  docker, cri
                DB                {tail.Database}
                Mem_Buf_Limit     {tail.MemoryBufferLimit}
                Skip_Long_Lines   On
                Refresh_Interval  10

            [FILTER]
                Name                kubernetes
                Match               kube.*
                Kube_URL            https://kubernetes.default.svc:443
                Merge_Log           On
                Keep_Log            Off
                K8S-Logging.Parser  On
                K8S-Logging.Exclude On

            {outputSection}

            """;
    }
}
