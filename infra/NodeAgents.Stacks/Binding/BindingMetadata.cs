using System.Collections;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;
using NodeAgents.Model;
using NodeAgents.Placement;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Presets.Custom;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// What <see cref="StrictBinder"/> knows about the types it binds, without runtime reflection: the property names
/// (<c>[JsonPropertyName]</c> for <c>k8s.Models</c> types, camelCase otherwise), types and setters come from the
/// System.Text.Json source generator (<see cref="BindingJsonContext"/>), so the trimmer and Native AOT see every member
/// the binder touches. What the generator leaves open is filled in explicitly here: the records with init-only properties
/// get no parameterless factory from it, and the binder's collections are created as ordinal-sorted dictionaries and
/// lists of the element types the option types use.
/// </summary>
internal static class BindingMetadata
{
    /// <summary>The option types a stack file binds; every type reachable from them has metadata.</summary>
    public static IReadOnlyList<Type> Roots { get; } =
        [
            typeof(LoggingAgentOptions), typeof(MonitoringAgentOptions), typeof(NetworkAgentOptions), typeof(SecurityAgentOptions), typeof(CoveragePolicy),
            typeof(CustomAgentOptions), typeof(DcgmExporterOptions), typeof(WindowsExporterOptions),
        ];

    private static readonly Dictionary<Type, Func<object>> Factories = new()
    {
        [typeof(Object)] = () => new Object(),
        [typeof(LoggingAgentOptions)] = () => new LoggingAgentOptions(),
        [typeof(LogOutput)] = () => new LogOutput(),
        [typeof(MonitoringAgentOptions)] = () => new MonitoringAgentOptions(),
        [typeof(NetworkAgentOptions)] = () => new NetworkAgentOptions(),
        [typeof(SecurityAgentOptions)] = () => new SecurityAgentOptions(),
        [typeof(CoveragePolicy)] = () => new CoveragePolicy(),
        [typeof(AgentTaxBudget)] = () => new AgentTaxBudget(),
        [typeof(CustomAgentOptions)] = () => new CustomAgentOptions(),
        [typeof(DcgmExporterOptions)] = () => new DcgmExporterOptions(),
        [typeof(WindowsExporterOptions)] = () => new WindowsExporterOptions(),
        [typeof(NodeRequirements)] = () => new NodeRequirements(),
        [typeof(RuntimeSocket)] = () => new RuntimeSocket(),
        [typeof(System.DateTime)] = () => new System.DateTime(),
    };

    private static readonly Dictionary<Type, Func<IList>> Lists = new()
    {
        [typeof(V1LabelSelectorRequirement)] = () => new List<V1LabelSelectorRequirement>(),
        [typeof(string)] = () => new List<string>(),
        [typeof(V1EnvVar)] = () => new List<V1EnvVar>(),
        [typeof(V1Toleration)] = () => new List<V1Toleration>(),
        [typeof(V1NodeSelectorTerm)] = () => new List<V1NodeSelectorTerm>(),
        [typeof(V1NodeSelectorRequirement)] = () => new List<V1NodeSelectorRequirement>(),
        [typeof(V1PreferredSchedulingTerm)] = () => new List<V1PreferredSchedulingTerm>(),
        [typeof(Corev1ResourceClaim)] = () => new List<Corev1ResourceClaim>(),
        [typeof(V1Container)] = () => new List<V1Container>(),
        [typeof(V1ContainerPort)] = () => new List<V1ContainerPort>(),
        [typeof(V1Volume)] = () => new List<V1Volume>(),
        [typeof(V1VolumeMount)] = () => new List<V1VolumeMount>(),
        [typeof(V1KeyToPath)] = () => new List<V1KeyToPath>(),
        [typeof(V1VolumeProjection)] = () => new List<V1VolumeProjection>(),
        [typeof(V1LocalObjectReference)] = () => new List<V1LocalObjectReference>(),
        [typeof(V1PolicyRule)] = () => new List<V1PolicyRule>(),
        [typeof(V1PodDNSConfigOption)] = () => new List<V1PodDNSConfigOption>(),
        [typeof(V1HTTPHeader)] = () => new List<V1HTTPHeader>(),
        [typeof(V1Sysctl)] = () => new List<V1Sysctl>(),
        [typeof(V1EnvFromSource)] = () => new List<V1EnvFromSource>(),
        [typeof(long?)] = () => new List<long?>(),
        [typeof(RuntimeSocket)] = () => new List<RuntimeSocket>(),
        [typeof(V1OwnerReference)] = () => new List<V1OwnerReference>(),
        [typeof(V1ManagedFieldsEntry)] = () => new List<V1ManagedFieldsEntry>(),
        [typeof(int?)] = () => new List<int?>(),
        [typeof(V1DownwardAPIVolumeFile)] = () => new List<V1DownwardAPIVolumeFile>(),
        [typeof(V1VolumeDevice)] = () => new List<V1VolumeDevice>(),
        [typeof(V1ContainerRestartRule)] = () => new List<V1ContainerRestartRule>(),
        [typeof(V1ContainerResizePolicy)] = () => new List<V1ContainerResizePolicy>(),
    };

    private static readonly Dictionary<Type, Func<IDictionary>> Dictionaries = new()
    {
        [typeof(string)] = () => new SortedDictionary<string, string>(StringComparer.Ordinal),
        [typeof(ResourceQuantity)] = () => new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal),
    };

    /// <summary>
    /// Setters of the option records' init-only properties, which the generated metadata cannot set: each returns a copy
    /// (<c>with</c>) holding the new value. Keyed by the property's key; the base keys apply to every agent's options.
    /// </summary>
    private static readonly Dictionary<string, Func<object, object, object>> AgentSetters = new(StringComparer.Ordinal)
    {
        ["name"] = (options, value) => (AgentOptions)options with { Name = (string)value },
        ["namespace"] = (options, value) => (AgentOptions)options with { Namespace = (string)value },
        ["image"] = (options, value) => (AgentOptions)options with { Image = (ImageReference)value },
        ["imagePullPolicy"] = (options, value) => (AgentOptions)options with { ImagePullPolicy = (string)value },
        ["resources"] = (options, value) => (AgentOptions)options with { Resources = (V1ResourceRequirements)value },
        ["env"] = (options, value) => (AgentOptions)options with { Env = (IReadOnlyList<V1EnvVar>)value },
        ["nodeSelector"] = (options, value) => (AgentOptions)options with { NodeSelector = (IReadOnlyDictionary<string, string>)value },
        ["tolerations"] = (options, value) => (AgentOptions)options with { Tolerations = (IReadOnlyList<V1Toleration>)value },
        ["nodeAffinity"] = (options, value) => (AgentOptions)options with { NodeAffinity = (V1NodeAffinity)value },
        ["priorityClassName"] = (options, value) => (AgentOptions)options with { PriorityClassName = (string)value },
        ["terminationGracePeriodSeconds"] = (options, value) => (AgentOptions)options with { TerminationGracePeriodSeconds = (long)value },
        ["updateStrategy"] = (options, value) => (AgentOptions)options with { UpdateStrategy = (V1DaemonSetUpdateStrategy)value },
        ["minReadySeconds"] = (options, value) => (AgentOptions)options with { MinReadySeconds = (int)value },
        ["revisionHistoryLimit"] = (options, value) => (AgentOptions)options with { RevisionHistoryLimit = (int)value },
        ["rolloutTimeout"] = (options, value) => (AgentOptions)options with { RolloutTimeout = (string)value },
        ["labels"] = (options, value) => (AgentOptions)options with { Labels = (IReadOnlyDictionary<string, string>)value },
        ["podAnnotations"] = (options, value) => (AgentOptions)options with { PodAnnotations = (IReadOnlyDictionary<string, string>)value },
        ["nodeGuard"] = (options, value) => (AgentOptions)options with { NodeGuard = (bool)value },
    };

    private static readonly Dictionary<Type, Dictionary<string, Func<object, object, object>>> InitSetters = new()
    {
        [typeof(LoggingAgentOptions)] = Agent(new()
        {
            ["logLevel"] = (options, value) => (LoggingAgentOptions)options with { LogLevel = (string)value },
            ["output"] = (options, value) => (LoggingAgentOptions)options with { Output = (LogOutput)value },
        }),
        [typeof(LogOutput)] = new(StringComparer.Ordinal)
        {
            ["type"] = (output, value) => (LogOutput)output with { Type = (string)value },
            ["host"] = (output, value) => (LogOutput)output with { Host = (string)value },
            ["port"] = (output, value) => (LogOutput)output with { Port = (int)value },
            ["tls"] = (output, value) => (LogOutput)output with { Tls = (bool)value },
            ["sharedKey"] = (output, value) => (LogOutput)output with { SharedKey = (string)value },
        },
        [typeof(MonitoringAgentOptions)] = Agent(new()
        {
            ["logLevel"] = (options, value) => (MonitoringAgentOptions)options with { LogLevel = (string)value },
            ["port"] = (options, value) => (MonitoringAgentOptions)options with { Port = (int)value },
            ["extraArgs"] = (options, value) => (MonitoringAgentOptions)options with { ExtraArgs = (IReadOnlyList<string>)value },
        }),
        [typeof(NetworkAgentOptions)] = Agent(new()
        {
            ["localIP"] = (options, value) => (NetworkAgentOptions)options with { LocalIP = (string)value },
            ["dnsServer"] = (options, value) => (NetworkAgentOptions)options with { DnsServer = (string)value },
            ["dnsDomain"] = (options, value) => (NetworkAgentOptions)options with { DnsDomain = (string)value },
            ["upstreamService"] = (options, value) => (NetworkAgentOptions)options with { UpstreamService = (string)value },
            ["upstreamServers"] = (options, value) => (NetworkAgentOptions)options with { UpstreamServers = (string)value },
            ["logQueries"] = (options, value) => (NetworkAgentOptions)options with { LogQueries = (bool)value },
        }),
        [typeof(SecurityAgentOptions)] = Agent(new()
        {
            ["mode"] = (options, value) => (SecurityAgentOptions)options with { Mode = (string)value },
            ["alertUrl"] = (options, value) => (SecurityAgentOptions)options with { AlertUrl = (string)value },
            ["minimumPriority"] = (options, value) => (SecurityAgentOptions)options with { MinimumPriority = (string)value },
            ["logLevel"] = (options, value) => (SecurityAgentOptions)options with { LogLevel = (string)value },
            ["privileged"] = (options, value) => (SecurityAgentOptions)options with { Privileged = (bool)value },
            ["localRules"] = (options, value) => (SecurityAgentOptions)options with { LocalRules = (string)value },
        }),
        [typeof(DcgmExporterOptions)] = Agent(new()),
        [typeof(WindowsExporterOptions)] = Agent(new()),
        [typeof(CustomAgentOptions)] = Agent(CustomSetters()),
        [typeof(NodeRequirements)] = new(StringComparer.Ordinal)
        {
            ["minimumKernel"] = (requirements, value) => (NodeRequirements)requirements with { MinimumKernel = (string)value },
            ["kernelNeededBy"] = (requirements, value) => (NodeRequirements)requirements with { KernelNeededBy = (string)value },
            ["containerRuntimes"] = (requirements, value) => (NodeRequirements)requirements with { ContainerRuntimes = (IReadOnlyList<RuntimeSocket>)value },
            ["runtimesNeededFor"] = (requirements, value) => (NodeRequirements)requirements with { RuntimesNeededFor = (string)value },
            ["architectures"] = (requirements, value) => (NodeRequirements)requirements with { Architectures = (IReadOnlyList<string>)value },
        },
        [typeof(RuntimeSocket)] = new(StringComparer.Ordinal)
        {
            ["scheme"] = (socket, value) => (RuntimeSocket)socket with { Scheme = (string)value },
            ["socket"] = (socket, value) => (RuntimeSocket)socket with { Socket = (string)value },
        },
        [typeof(CoveragePolicy)] = new(StringComparer.Ordinal)
        {
            ["required"] = (policy, value) => (CoveragePolicy)policy with { Required = (IReadOnlyDictionary<string, string>)value },
            ["exclude"] = (policy, value) => (CoveragePolicy)policy with { Exclude = (IReadOnlyList<string>)value },
            ["budget"] = (policy, value) => (CoveragePolicy)policy with { Budget = (AgentTaxBudget)value },
        },
        [typeof(AgentTaxBudget)] = new(StringComparer.Ordinal)
        {
            ["cpu"] = (budget, value) => (AgentTaxBudget)budget with { Cpu = (string)value },
            ["memory"] = (budget, value) => (AgentTaxBudget)budget with { Memory = (string)value },
            ["pods"] = (budget, value) => (AgentTaxBudget)budget with { Pods = (string)value },
            ["severity"] = (budget, value) => (AgentTaxBudget)budget with { Severity = (PlanSeverity)value },
        },
    };

    /// <summary>
    /// Sets the property <paramref name="property"/> of <paramref name="instance"/> to <paramref name="value"/>; returns
    /// the object holding it (a copy for the option records, whose properties are init-only, else the instance itself).
    /// </summary>
    /// <exception cref="InvalidOperationException">An init-only property has no setter here (a bug of the tool).</exception>
    public static object Set(JsonTypeInfo info, JsonPropertyInfo property, object instance, object value)
    {
        if (InitSetters.TryGetValue(info.Type, out var setters))
        {
            return setters.TryGetValue(property.Name, out var setter)
                ? setter(instance, value)
                : throw new InvalidOperationException($"no setter for {info.Type}.{property.Name}; add it to BindingMetadata");
        }

        property.Set!(instance, value);
        return instance;
    }

    /// <summary>The setters of a custom agent's own init-only properties (<see cref="CustomAgentOptions"/>).</summary>
    private static Dictionary<string, Func<object, object, object>> CustomSetters() => new(StringComparer.Ordinal)
    {
        ["role"] = (options, value) => (CustomAgentOptions)options with { Role = (string)value },
        ["command"] = (options, value) => (CustomAgentOptions)options with { Command = (IReadOnlyList<string>)value },
        ["args"] = (options, value) => (CustomAgentOptions)options with { Args = (IReadOnlyList<string>)value },
        ["ports"] = (options, value) => (CustomAgentOptions)options with { Ports = (IReadOnlyList<V1ContainerPort>)value },
        ["livenessProbe"] = (options, value) => (CustomAgentOptions)options with { LivenessProbe = (V1Probe)value },
        ["readinessProbe"] = (options, value) => (CustomAgentOptions)options with { ReadinessProbe = (V1Probe)value },
        ["startupProbe"] = (options, value) => (CustomAgentOptions)options with { StartupProbe = (V1Probe)value },
        ["securityContext"] = (options, value) => (CustomAgentOptions)options with { SecurityContext = (V1SecurityContext)value },
        ["podSecurityContext"] = (options, value) => (CustomAgentOptions)options with { PodSecurityContext = (V1PodSecurityContext)value },
        ["hostNetwork"] = (options, value) => (CustomAgentOptions)options with { HostNetwork = (bool)value },
        ["hostPID"] = (options, value) => (CustomAgentOptions)options with { HostPID = (bool)value },
        ["hostIPC"] = (options, value) => (CustomAgentOptions)options with { HostIPC = (bool)value },
        ["os"] = (options, value) => (CustomAgentOptions)options with { Os = (string)value },
        ["dnsPolicy"] = (options, value) => (CustomAgentOptions)options with { DnsPolicy = (string)value },
        ["dnsConfig"] = (options, value) => (CustomAgentOptions)options with { DnsConfig = (V1PodDNSConfig)value },
        ["configFiles"] = (options, value) => (CustomAgentOptions)options with { ConfigFiles = (IReadOnlyDictionary<string, string>)value },
        ["configMountPath"] = (options, value) => (CustomAgentOptions)options with { ConfigMountPath = (string)value },
        ["clusterRules"] = (options, value) => (CustomAgentOptions)options with { ClusterRules = (IReadOnlyList<V1PolicyRule>)value },
        ["initContainers"] = (options, value) => (CustomAgentOptions)options with { InitContainers = (IReadOnlyList<V1Container>)value },
        ["sidecars"] = (options, value) => (CustomAgentOptions)options with { Sidecars = (IReadOnlyList<V1Container>)value },
        ["volumes"] = (options, value) => (CustomAgentOptions)options with { Volumes = (IReadOnlyList<V1Volume>)value },
        ["volumeMounts"] = (options, value) => (CustomAgentOptions)options with { VolumeMounts = (IReadOnlyList<V1VolumeMount>)value },
        ["imagePullSecrets"] = (options, value) => (CustomAgentOptions)options with { ImagePullSecrets = (IReadOnlyList<V1LocalObjectReference>)value },
        ["daemonSetLabels"] = (options, value) => (CustomAgentOptions)options with { DaemonSetLabels = (IReadOnlyDictionary<string, string>)value },
        ["daemonSetAnnotations"] = (options, value) => (CustomAgentOptions)options with { DaemonSetAnnotations = (IReadOnlyDictionary<string, string>)value },
        ["requirements"] = (options, value) => (CustomAgentOptions)options with { Requirements = (NodeRequirements)value },
    };

    private static Dictionary<string, Func<object, object, object>> Agent(Dictionary<string, Func<object, object, object>> own) =>
        new(AgentSetters.Concat(own), StringComparer.Ordinal);

    /// <summary>The generated metadata of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">The type is not reachable from <see cref="Roots"/> (a bug of the tool).</exception>
    public static JsonTypeInfo Of(Type type) =>
        BindingJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"no binding metadata for {type}; add it to BindingJsonContext");

    /// <summary>A new, default instance of the object type <paramref name="info"/> describes.</summary>
    /// <exception cref="InvalidOperationException">The type has no factory (a bug of the tool).</exception>
    public static object Create(JsonTypeInfo info) =>
        info.CreateObject?.Invoke() ?? (Factories.TryGetValue(info.Type, out var factory) ? factory() : throw new InvalidOperationException($"no factory for {info.Type}; add it to BindingMetadata"));

    /// <summary>A new, empty list of <paramref name="elementType"/> items.</summary>
    /// <exception cref="InvalidOperationException">The element type has no list factory (a bug of the tool).</exception>
    public static IList CreateList(Type elementType) =>
        Lists.TryGetValue(elementType, out var factory) ? factory() : throw new InvalidOperationException($"no list factory for {elementType}; add it to BindingMetadata");

    /// <summary>A new, empty ordinal-sorted dictionary from string keys to <paramref name="valueType"/> values.</summary>
    /// <exception cref="InvalidOperationException">The value type has no dictionary factory (a bug of the tool).</exception>
    public static IDictionary CreateDictionary(Type valueType) =>
        Dictionaries.TryGetValue(valueType, out var factory) ? factory() : throw new InvalidOperationException($"no dictionary factory for {valueType}; add it to BindingMetadata");

    /// <summary>The settable properties of an object type by their key in the stack file.</summary>
    public static Dictionary<string, JsonPropertyInfo> Properties(JsonTypeInfo info) =>
        info.Properties.Where(property => property.Set is not null).ToDictionary(property => property.Name, StringComparer.Ordinal);
}

/// <summary>The source-generated metadata of the option types (<see cref="BindingMetadata.Roots"/>) and every type they reach.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoggingAgentOptions))]
[JsonSerializable(typeof(MonitoringAgentOptions))]
[JsonSerializable(typeof(NetworkAgentOptions))]
[JsonSerializable(typeof(SecurityAgentOptions))]
[JsonSerializable(typeof(CoveragePolicy))]
[JsonSerializable(typeof(CustomAgentOptions))]
[JsonSerializable(typeof(DcgmExporterOptions))]
[JsonSerializable(typeof(WindowsExporterOptions))]
internal sealed partial class BindingJsonContext : JsonSerializerContext;
