using k8s.Models;
using NodeAgents.Building;

namespace NodeAgents.Components.Tests.Validation;

/// <summary>One minimal failing input: a mutation of the valid presets and the finding it must produce.</summary>
public sealed record RuleCase(Action<ValidObjects> Mutate, string Rule, string Path, string Object = "DaemonSet node-agents/fluent-bit", string? Value = null);

/// <summary>For every rule at least one minimal failing input, keyed by a readable case name.</summary>
public static class RuleCases
{
    private const string Pod = "spec.template.spec";
    private const string C0 = Pod + ".containers[0]";
    private const string Fb = "fluent-bit";
    private const string Dns = "DaemonSet kube-system/node-local-dns";
    private const string Upstream = "Service kube-system/kube-dns-upstream";

    /// <summary>A release label value that embeds the image tag, e.g. <c>fluent-bit-3.2.10</c>.</summary>
    private static readonly string Release = "fluent-bit-" + NodeAgents.Presets.LoggingAgentPreset.DefaultImage.Tag;

    public static IReadOnlyDictionary<string, RuleCase> All { get; } = new SortedDictionary<string, RuleCase>(StringComparer.Ordinal)
    {
        // Names, labels, annotations
        ["object name not a subdomain"] = new(o => o.Ds(Fb).Metadata.Name = "Fluent_Bit", "object-name-invalid", "metadata.name", "DaemonSet node-agents/Fluent_Bit", "Fluent_Bit"),
        ["namespace name not a label"] = new(o => o.All.OfType<V1Namespace>().Single().Metadata.Name = "node.agents", "object-name-invalid", "metadata.name", "Namespace node.agents", "node.agents"),
        ["object namespace not a label"] = new(o => o.Ds(Fb).Metadata.NamespaceProperty = "Node_Agents", "object-namespace-invalid", "metadata.namespace", "DaemonSet Node_Agents/fluent-bit", "Node_Agents"),
        ["label key with a space"] = new(o => o.Ds(Fb).Metadata.Labels["bad key"] = "x", "label-key-invalid", "metadata.labels[bad key]", Value: "bad key"),
        ["label value of 64 characters"] = new(o => o.Ds(Fb).Metadata.Labels["team"] = new string('a', 64), "label-value-invalid", "metadata.labels[team]"),
        ["template label value with a slash"] = new(o => o.Ds(Fb).Spec.Template.Metadata.Labels["team"] = "a/b", "label-value-invalid", "spec.template.metadata.labels[team]", Value: "a/b"),
        ["annotation key with empty name"] = new(o => o.Ds(Fb).Metadata.Annotations = new Dictionary<string, string> { ["example.com/"] = "x" }, "annotation-key-invalid", "metadata.annotations[example.com/]"),
        ["annotations above 256 KiB"] = new(o => o.Ds(Fb).Spec.Template.Metadata.Annotations["notes"] = new string('x', 300 * 1024), "annotations-too-large", "spec.template.metadata.annotations"),
        ["Service name starting with a digit"] = new(o => o.Svc().Metadata.Name = "53-upstream", "object-name-invalid", "metadata.name", "Service kube-system/53-upstream", "53-upstream"),
        ["same object twice"] = new(o => o.All.Add(KubernetesObjects.Copy(o.Ds(Fb))!), "object-duplicate", "metadata.name", Value: "fluent-bit"),

        // DaemonSet
        ["empty selector"] = new(o => o.Ds(Fb).Spec.Selector = new V1LabelSelector(), "daemonset-selector-empty", "spec.selector"),
        ["selector not matching the template"] = new(o => o.Ds(Fb).Spec.Selector.MatchLabels["app.kubernetes.io/name"] = "other", "daemonset-selector-mismatch", "spec.template.metadata.labels"),
        ["restartPolicy OnFailure"] = new(o => o.Pod(Fb).RestartPolicy = "OnFailure", "daemonset-restart-policy", Pod + ".restartPolicy", Value: "OnFailure"),
        ["activeDeadlineSeconds set"] = new(o => o.Pod(Fb).ActiveDeadlineSeconds = 60, "daemonset-active-deadline", Pod + ".activeDeadlineSeconds", Value: "60"),
        ["negative minReadySeconds"] = new(o => o.Ds(Fb).Spec.MinReadySeconds = -5, "daemonset-min-ready-seconds-negative", "spec.minReadySeconds", Value: "-5"),
        ["negative revisionHistoryLimit"] = new(o => o.Ds(Fb).Spec.RevisionHistoryLimit = -1, "daemonset-revision-history-limit-negative", "spec.revisionHistoryLimit", Value: "-1"),
        ["strategy type Recreate"] = new(o => o.Ds(Fb).Spec.UpdateStrategy.Type = "Recreate", "daemonset-strategy-type", "spec.updateStrategy.type", Value: "Recreate"),
        ["maxUnavailable 150%"] = new(o => o.Rolling(Fb).MaxUnavailable = "150%", "daemonset-rolling-update-value", "spec.updateStrategy.rollingUpdate.maxUnavailable", Value: "150%"),
        ["maxUnavailable negative"] = new(o => o.Rolling(Fb).MaxUnavailable = -1, "daemonset-rolling-update-value", "spec.updateStrategy.rollingUpdate.maxUnavailable", Value: "-1"),
        ["maxSurge not a number"] = new(o => o.Rolling(Fb).MaxSurge = "one", "daemonset-rolling-update-value", "spec.updateStrategy.rollingUpdate.maxSurge", Value: "one"),
        ["maxSurge 101%"] = new(o => o.Rolling(Fb).MaxSurge = "101%", "daemonset-rolling-update-value", "spec.updateStrategy.rollingUpdate.maxSurge", Value: "101%"),
        ["tutorial maxUnavailable 1 with maxSurge 1"] = new(o => { o.Rolling(Fb).MaxUnavailable = 1; o.Rolling(Fb).MaxSurge = 1; }, "daemonset-surge-and-unavailable", "spec.updateStrategy.rollingUpdate.maxSurge", Value: "1"),
        ["maxUnavailable 0 with maxSurge 0"] = new(o => o.Rolling(Fb).MaxUnavailable = 0, "daemonset-surge-and-unavailable-zero", "spec.updateStrategy.rollingUpdate.maxUnavailable", Value: "0"),

        // Tolerations
        ["toleration key with a space"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "bad key", OperatorProperty = "Exists" }), "toleration-key-invalid", Pod + ".tolerations[3].key", Value: "bad key"),
        ["empty key with Equal"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { OperatorProperty = "Equal", Value = "x" }), "toleration-empty-key-operator", Pod + ".tolerations[3].operator", Value: "Equal"),
        ["Exists with a value"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Value = "gpu" }), "toleration-exists-with-value", Pod + ".tolerations[3].value", Value: "gpu"),
        ["Equal with a bad value"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "a b" }), "toleration-value-invalid", Pod + ".tolerations[3].value", Value: "a b"),
        ["operator Matches"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Matches" }), "toleration-operator-invalid", Pod + ".tolerations[3].operator", Value: "Matches"),
        ["tolerationSeconds with NoSchedule"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Effect = "NoSchedule", TolerationSeconds = 30 }), "toleration-seconds-without-no-execute", Pod + ".tolerations[3].effect", Value: "NoSchedule"),
        ["effect NoEvict"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Effect = "NoEvict" }), "toleration-effect-invalid", Pod + ".tolerations[3].effect", Value: "NoEvict"),
        ["controller's not-ready toleration"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute" }), "toleration-added-by-controller", Pod + ".tolerations[3]"),
        ["controller's network-unavailable toleration with hostNetwork"] = new(o => o.Pod("node-exporter").Tolerations.Add(new V1Toleration { Key = "node.kubernetes.io/network-unavailable", OperatorProperty = "Exists" }), "toleration-added-by-controller", Pod + ".tolerations[3]", "DaemonSet node-agents/node-exporter"),
        ["tolerationSeconds on NoExecute"] = new(o => o.Pod(Fb).Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 }), "toleration-seconds-on-daemonset", Pod + ".tolerations[3].tolerationSeconds", Value: "300"),
        ["bare operator Exists"] = new(o => o.Pod(Fb).Tolerations = [new V1Toleration { OperatorProperty = "Exists" }], "toleration-exists-tolerates-no-execute", Pod + ".tolerations[0]"),

        // Node selection
        ["nodeSelector key with a space"] = new(o => o.Pod(Fb).NodeSelector["bad key"] = "x", "node-selector-label-invalid", Pod + ".nodeSelector[bad key]"),
        ["nodeSelector value too long"] = new(o => o.Pod(Fb).NodeSelector["kubernetes.io/os"] = new string('l', 64), "node-selector-label-invalid", Pod + ".nodeSelector[kubernetes.io/os]"),
        ["required affinity without terms"] = new(o => Required(o, []), "affinity-required-terms-empty", Pod + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"),
        ["affinity key with a space"] = new(o => Required(o, [Expr("bad key", "Exists")]), "affinity-key-invalid", Term0 + ".key", Value: "bad key"),
        ["affinity operator Like"] = new(o => Required(o, [Expr("zone", "Like", "a")]), "affinity-operator-invalid", Term0 + ".operator", Value: "Like"),
        ["In without values"] = new(o => Required(o, [Expr("zone", "In")]), "affinity-values-required", Term0 + ".values"),
        ["NotIn without values"] = new(o => Required(o, [Expr("zone", "NotIn")]), "affinity-values-required", Term0 + ".values"),
        ["Exists with values"] = new(o => Required(o, [Expr("zone", "Exists", "a")]), "affinity-values-forbidden", Term0 + ".values", Value: "a"),
        ["DoesNotExist with values"] = new(o => Required(o, [Expr("zone", "DoesNotExist", "a")]), "affinity-values-forbidden", Term0 + ".values", Value: "a"),
        ["Gt with two values"] = new(o => Required(o, [Expr("cores", "Gt", "1", "2")]), "affinity-gt-lt-value", Term0 + ".values", Value: "1,2"),
        ["Gt with two values"] = new(o => Required(o, [Expr("cores", "Gt", "1", "2")]), "affinity-gt-lt-value", Term0 + ".values", Value: "1,2"),
        // The API server accepts a word for Lt; labels.NewRequirement (strconv.ParseInt) does not: a warning.
        ["Lt with a word"] = new(o => Required(o, [Expr("cores", "Lt", "many")]), "affinity-requirement-unparseable", Term0 + ".values[0]", Value: "many"),
        ["In with a value with a space"] = new(o => Required(o, [Expr("zone", "In", "foo bar")]), "affinity-value-invalid", Term0 + ".values[0]", Value: "foo bar"),
        ["matchFields on a label"] = new(o => RequiredFields(o, new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = ["node-1"] }), "affinity-match-fields-invalid", Fields0 + ".key", Value: "kubernetes.io/hostname"),
        ["matchFields with two names"] = new(o => RequiredFields(o, new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = ["node-1", "node-2"] }), "affinity-match-fields-invalid", Fields0 + ".values", Value: "node-1,node-2"),
        ["empty nodeSelectorTerm"] = new(o => o.Pod(Fb).Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm()] } } }, "affinity-term-empty", Pod + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"),
        ["preferred weight 0"] = new(o => Preferred(o, 0), "affinity-weight-range", Pod + ".affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight", Value: "0"),
        ["preferred weight 101"] = new(o => Preferred(o, 101), "affinity-weight-range", Pod + ".affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight", Value: "101"),
        ["container without requests or limits"] = new(o => o.Container(Fb).Resources = null, "container-requests-unset", C0 + ".resources.requests"),
        ["sidecar with a cpu request only"] = new(o => o.Pod(Fb).InitContainers = [new V1Container { Name = "proxy", Image = "registry.k8s.io/pause:3.10", RestartPolicy = "Always", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m") } } }], "container-requests-unset", Pod + ".initContainers[0].resources.requests"),
        ["no nodeSelector"] = new(o => o.Pod(Fb).NodeSelector = null, "pod-os-not-pinned", Pod + ".nodeSelector"),
        ["os affinity NotIn linux"] = new(o => { o.Pod(Fb).NodeSelector = null; Required(o, [Expr("kubernetes.io/os", "NotIn", "linux")]); }, "pod-os-not-pinned", Pod + ".nodeSelector"),
        ["os pinned in one of two terms"] = new(o => { o.Pod(Fb).NodeSelector = null; Required(o, [Expr("kubernetes.io/os", "In", "linux")]); o.Pod(Fb).Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Add(new V1NodeSelectorTerm { MatchExpressions = [Expr("zone", "In", "a")] }); }, "pod-os-not-pinned", Pod + ".nodeSelector"),
        ["priorityClassName with capitals"] = new(o => o.Pod(Fb).PriorityClassName = "System-Node-Critical", "priority-class-name-invalid", Pod + ".priorityClassName", Value: "System-Node-Critical"),

        // Volume sources (volumes[0] is the /var/log hostPath, volumes[2] the config ConfigMap)
        ["volume with two sources"] = new(o => o.Pod(Fb).Volumes[0].EmptyDir = new V1EmptyDirVolumeSource(), "volume-source-count", Pod + ".volumes[0]", Value: "varlog"),
        ["volume with no source"] = new(o => o.Pod(Fb).Volumes.Add(new V1Volume { Name = "empty" }), "volume-source-count", Pod + ".volumes[3]", Value: "empty"),
        ["secret volume without secretName"] = new(o => o.Pod(Fb).Volumes.Add(new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource() }), "volume-object-name-required", Pod + ".volumes[3].secret.secretName"),
        ["configMap defaultMode 0o1000"] = new(o => o.Pod(Fb).Volumes[2].ConfigMap.DefaultMode = 512, "volume-file-mode-invalid", Pod + ".volumes[2].configMap.defaultMode", Value: "512"),
        ["negative emptyDir sizeLimit"] = new(o => o.Pod(Fb).Volumes.Add(new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("-1Mi") } }), "empty-dir-size-limit-negative", Pod + ".volumes[3].emptyDir.sizeLimit"),
        ["token expiring in 5 minutes"] = new(o => o.Pod(Fb).Volumes.Add(new V1Volume { Name = "token", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 300 } }] } }), "projected-token-invalid", Pod + ".volumes[3].projected.sources[0].serviceAccountToken.expirationSeconds", Value: "300"),

        // Pod DNS config and security context
        ["four nameservers"] = new(o => o.Pod(Fb).DnsConfig = new V1PodDNSConfig { Nameservers = ["1.1.1.1", "8.8.8.8", "9.9.9.9", "10.0.0.10"] }, "dns-config-nameservers-invalid", Pod + ".dnsConfig.nameservers", Value: "1.1.1.1,8.8.8.8,9.9.9.9,10.0.0.10"),
        ["dnsPolicy None without nameservers"] = new(o => o.Pod(Fb).DnsPolicy = "None", "dns-config-nameservers-invalid", Pod + ".dnsConfig.nameservers"),
        ["search domain with underscore"] = new(o => o.Pod(Fb).DnsConfig = new V1PodDNSConfig { Searches = ["my_domain.local"] }, "dns-config-searches-invalid", Pod + ".dnsConfig.searches[0]", Value: "my_domain.local"),
        ["dns option without name"] = new(o => o.Pod(Fb).DnsConfig = new V1PodDNSConfig { Options = [new V1PodDNSConfigOption { Value = "2" }] }, "dns-config-option-name-required", Pod + ".dnsConfig.options[0].name"),
        ["negative fsGroup"] = new(o => o.Pod(Fb).SecurityContext = new V1PodSecurityContext { FsGroup = -1 }, "pod-security-context-id-range", Pod + ".securityContext.fsGroup", Value: "-1"),
        ["fsGroupChangePolicy Sometimes"] = new(o => o.Pod(Fb).SecurityContext = new V1PodSecurityContext { FsGroupChangePolicy = "Sometimes" }, "fs-group-change-policy-invalid", Pod + ".securityContext.fsGroupChangePolicy", Value: "Sometimes"),

        ["guard dropped"] = new(o => o.Pod(Fb).Affinity = null, "virtual-node-not-excluded", Pod + ".affinity.nodeAffinity"),
        ["guard replaced by a user term"] = new(o => o.Pod(Fb).Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [Expr("pool", "In", "general")] }], "virtual-node-not-excluded", Pod + ".affinity.nodeAffinity"),

        ["HostProcess pod without host network"] = new(o => o.Pod(Fb).SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true } }, "host-process-host-network", Pod + ".hostNetwork", Value: "false"),
        ["HostProcess container in a pod that says no"] = new(o =>
        {
            o.Pod(Fb).SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false } };
            o.Container(Fb).SecurityContext.WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true };
        }, "host-process-mismatch", C0 + ".securityContext.windowsOptions.hostProcess", Value: "true"),

        // Init containers, sidecars, probes
        ["init container with a readiness probe"] = new(o => o.Pod(Fb).InitContainers = [new V1Container { Name = "init", Image = "busybox:1.36", ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } } }], "init-container-probe-forbidden", Pod + ".initContainers[0].readinessProbe"),
        ["init container restartPolicy Never"] = new(o => o.Pod(Fb).InitContainers = [new V1Container { Name = "init", Image = "busybox:1.36", RestartPolicy = "Never" }], "container-restart-policy-invalid", Pod + ".initContainers[0].restartPolicy", Value: "Never"),
        ["startup probe successThreshold 2"] = new(o => o.Container(Fb).StartupProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] }, SuccessThreshold = 2 }, "probe-success-threshold", C0 + ".startupProbe.successThreshold", Value: "2"),

        // Volumes and mounts
        ["volume name with capitals"] = new(o => o.Pod(Fb).Volumes[0].Name = "VarLog", "volume-name-invalid", Pod + ".volumes[0].name", Value: "VarLog"),
        ["volume name twice"] = new(o => o.Pod(Fb).Volumes.Add(new V1Volume { Name = "varlog", EmptyDir = new V1EmptyDirVolumeSource() }), "volume-name-duplicate", Pod + ".volumes[3].name", Value: "varlog"),
        ["relative hostPath"] = new(o => o.Pod(Fb).Volumes[0].HostPath.Path = "var/log", "host-path-not-absolute", Pod + ".volumes[0].hostPath.path", Value: "var/log"),
        ["hostPath with backsteps"] = new(o => o.Pod(Fb).Volumes[0].HostPath.Path = "/var/log/../../etc", "host-path-not-absolute", Pod + ".volumes[0].hostPath.path"),
        ["Windows drive hostPath on a Linux pod"] = new(o => o.Pod(Fb).Volumes[0].HostPath.Path = @"C:\var\log", "host-path-not-absolute", Pod + ".volumes[0].hostPath.path", Value: @"C:\var\log"),
        ["Windows hostPath with backsteps"] = new(o => { o.Pod(Fb).NodeSelector["kubernetes.io/os"] = "windows"; o.Pod(Fb).Volumes[0].HostPath.Path = @"C:\var\log\..\..\k"; }, "host-path-not-absolute", Pod + ".volumes[0].hostPath.path"),
        ["os name empty"] = new(o => o.Pod(Fb).Os = new V1PodOS { Name = "" }, "pod-os-name-invalid", Pod + ".os.name"),
        ["os name darwin"] = new(o => o.Pod(Fb).Os = new V1PodOS { Name = "darwin" }, "pod-os-name-invalid", Pod + ".os", Value: "darwin"),
        ["Windows pod with hostPID"] = new(o => { o.Pod(Fb).Os = new V1PodOS { Name = "windows" }; o.Pod(Fb).HostPID = true; }, "windows-pod-linux-field", Pod + ".hostPID", Value: "true"),
        ["Linux pod with windowsOptions"] = new(o => { o.Pod(Fb).Os = new V1PodOS { Name = "linux" }; o.Container(Fb).SecurityContext.WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerUser" }; }, "linux-pod-windows-options", C0 + ".securityContext.windowsOptions"),
        ["Windows nodeSelector without os.name"] = new(o => o.Pod(Fb).NodeSelector["kubernetes.io/os"] = "windows", "windows-pod-os-not-set", Pod + ".os"),
        ["hostPath type Dir"] = new(o => o.Pod(Fb).Volumes[0].HostPath.Type = "Dir", "host-path-type-invalid", Pod + ".volumes[0].hostPath.type", Value: "Dir"),
        ["mount of a missing volume"] = new(o => o.Container(Fb).VolumeMounts[0].Name = "logs", "mount-volume-not-found", C0 + ".volumeMounts[0].name", Value: "logs"),
        ["mount path twice"] = new(o => o.Container(Fb).VolumeMounts[1].MountPath = "/var/log", "mount-path-duplicate", C0 + ".volumeMounts[1].mountPath", Value: "/var/log"),
        ["subPath with backsteps"] = new(o => o.Container(Fb).VolumeMounts[0].SubPath = "../secrets", "mount-path-invalid", C0 + ".volumeMounts[0].subPath", Value: "../secrets"),
        ["propagation Shared"] = new(o => o.Container(Fb).VolumeMounts[0].MountPropagation = "Shared", "mount-propagation-invalid", C0 + ".volumeMounts[0].mountPropagation", Value: "Shared"),
        ["Bidirectional unprivileged"] = new(o => o.Container(Fb).VolumeMounts[0].MountPropagation = "Bidirectional", "mount-bidirectional-unprivileged", C0 + ".volumeMounts[0].mountPropagation"),

        // Containers
        ["container name with capitals"] = new(o => o.Container(Fb).Name = "FluentBit", "container-name-invalid", C0 + ".name", Value: "FluentBit"),
        ["init container with the same name"] = new(o => o.Pod(Fb).InitContainers = [new V1Container { Name = "fluent-bit", Image = "busybox:1.36" }], "container-name-duplicate", C0 + ".name", Value: "fluent-bit"),
        ["containerPort 0"] = new(o => o.Container(Fb).Ports[0].ContainerPort = 0, "container-port-invalid", C0 + ".ports[0].containerPort", Value: "0"),
        ["containerPort 70000"] = new(o => o.Container(Fb).Ports[0].ContainerPort = 70000, "container-port-invalid", C0 + ".ports[0].containerPort", Value: "70000"),
        ["hostPort 70000"] = new(o => o.Container(Fb).Ports[0].HostPort = 70000, "container-port-invalid", C0 + ".ports[0].hostPort", Value: "70000"),
        ["port name of 16 characters"] = new(o => o.Container(Fb).Ports[0].Name = "http-monitoring1", "container-port-name-invalid", C0 + ".ports[0].name", Value: "http-monitoring1"),
        ["port name with underscore"] = new(o => o.Container(Fb).Ports[0].Name = "http_api", "container-port-name-invalid", C0 + ".ports[0].name", Value: "http_api"),
        ["port name twice"] = new(o => o.Container(Fb).Ports.Add(new V1ContainerPort { Name = "http", ContainerPort = 2021 }), "container-port-name-duplicate", C0 + ".ports[1].name", Value: "http"),
        ["protocol HTTP"] = new(o => o.Container(Fb).Ports[0].Protocol = "HTTP", "container-port-protocol-invalid", C0 + ".ports[0].protocol", Value: "HTTP"),
        ["host port twice in the pod"] = new(o => o.Container("node-local-dns").Ports.Add(new V1ContainerPort { Name = "metrics-2", ContainerPort = 9253, HostPort = 9253, Protocol = "TCP" }), "container-host-port-duplicate", C0 + ".ports[4].hostPort", Dns, "9253"),
        ["containerPort twice in a container"] = new(o => o.Container(Fb).Ports.Add(new V1ContainerPort { Name = "http-2", ContainerPort = 2020 }), "container-port-duplicate", C0 + ".ports[1].containerPort", Value: "2020"),
        ["hostNetwork hostPort differs"] = new(o => o.Container("node-exporter").Ports[0].HostPort = 9101, "host-network-port-mismatch", C0 + ".ports[0].hostPort", "DaemonSet node-agents/node-exporter", "9101"),
        ["resource gpu without domain"] = new(o => o.Container(Fb).Resources.Limits["gpu"] = new ResourceQuantity("1"), "resource-name-invalid", C0 + ".resources.limits[gpu]", Value: "gpu"),
        ["cpu request beyond int64 millicores"] = new(o => o.Container(Fb).Resources.Requests["cpu"] = new ResourceQuantity("100E"), "resource-quantity-out-of-range", C0 + ".resources.requests[cpu]", Value: "100E"),
        ["negative cpu request"] = new(o => o.Container(Fb).Resources.Requests["cpu"] = new ResourceQuantity("-100m"), "resource-quantity-negative", C0 + ".resources.requests[cpu]", Value: "-0.1"),
        ["gpu request without a limit"] = new(o => o.Container(Fb).Resources.Requests["nvidia.com/gpu"] = new ResourceQuantity("1"), "resource-extended-overcommit", C0 + ".resources.limits[nvidia.com/gpu]"),
        ["gpu request below its limit"] = new(o => { o.Container(Fb).Resources.Requests["nvidia.com/gpu"] = new ResourceQuantity("1"); o.Container(Fb).Resources.Limits["nvidia.com/gpu"] = new ResourceQuantity("2"); }, "resource-extended-overcommit", C0 + ".resources.requests[nvidia.com/gpu]", Value: "1"),
        ["cpu request above limit"] = new(o => o.Container("falco").Resources.Requests["cpu"] = new ResourceQuantity("2"), "resource-limit-below-request", C0 + ".resources.requests[cpu]", "DaemonSet node-agents/falco", "2"),
        ["memory request above limit"] = new(o => o.Container(Fb).Resources.Requests["memory"] = new ResourceQuantity("512Mi"), "resource-limit-below-request", C0 + ".resources.requests[memory]", Value: "512Mi"),
        ["env name starting with a digit"] = new(o => o.Container(Fb).Env[0].Name = "1NODE", "env-name-invalid", C0 + ".env[0].name", Value: "1NODE"),
        ["imagePullPolicy in lower case"] = new(o => o.Container(Fb).ImagePullPolicy = "ifnotpresent", "image-pull-policy-invalid", C0 + ".imagePullPolicy", Value: "ifnotpresent"),

        // Environment variables
        ["env value beside valueFrom"] = new(o => o.Container(Fb).Env[0].Value = "node-1", "env-value-and-value-from", C0 + ".env[0].valueFrom", Value: "node-1"),
        ["valueFrom without a source"] = new(o => o.Container(Fb).Env[0].ValueFrom = new V1EnvVarSource(), "env-value-from-sources", C0 + ".env[0].valueFrom"),
        ["valueFrom with two sources"] = new(o => o.Container(Fb).Env[0].ValueFrom.ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.memory" }, "env-value-from-sources", C0 + ".env[0].valueFrom", Value: "fieldRef,resourceFieldRef"),
        ["secretKeyRef without a key"] = new(o => o.Container(Fb).Env[0].ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "fluent-bit" } }, "env-key-ref-invalid", C0 + ".env[0].valueFrom.secretKeyRef.key"),
        ["configMapKeyRef without a name"] = new(o => o.Container(Fb).Env[0].ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = "level" } }, "env-key-ref-invalid", C0 + ".env[0].valueFrom.configMapKeyRef.name"),
        ["configMapKeyRef key with a slash"] = new(o => o.Container(Fb).Env[0].ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "fluent-bit-config", Key = "conf/level" } }, "env-key-ref-invalid", C0 + ".env[0].valueFrom.configMapKeyRef.key", Value: "conf/level"),
        ["fieldRef spec.hostname"] = new(o => o.Container(Fb).Env[0].ValueFrom.FieldRef.FieldPath = "spec.hostname", "env-field-path-unsupported", C0 + ".env[0].valueFrom.fieldRef.fieldPath", Value: "spec.hostname"),
        ["fieldRef metadata.labels without a key"] = new(o => o.Container(Fb).Env[0].ValueFrom.FieldRef.FieldPath = "metadata.labels", "env-field-path-unsupported", C0 + ".env[0].valueFrom.fieldRef.fieldPath", Value: "metadata.labels"),
        ["fieldRef label key with a space"] = new(o => o.Container(Fb).Env[0].ValueFrom.FieldRef.FieldPath = "metadata.labels['bad key']", "env-field-path-unsupported", C0 + ".env[0].valueFrom.fieldRef.fieldPath", Value: "metadata.labels['bad key']"),
        ["fieldRef subscript on spec"] = new(o => o.Container(Fb).Env[0].ValueFrom.FieldRef.FieldPath = "spec.nodeSelector['zone']", "env-field-path-unsupported", C0 + ".env[0].valueFrom.fieldRef.fieldPath", Value: "spec.nodeSelector['zone']"),
        ["resourceFieldRef on a gpu"] = new(o => o.Container(Fb).Env[0].ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.nvidia.com/gpu" } }, "env-resource-unsupported", C0 + ".env[0].valueFrom.resourceFieldRef.resource", Value: "limits.nvidia.com/gpu"),
        ["env name twice"] = new(o => o.Container(Fb).Env = [new V1EnvVar { Name = "LOG_LEVEL", Value = "info" }, new V1EnvVar { Name = "LOG_LEVEL", Value = "debug" }], "env-name-duplicate", C0 + ".env[1].name", Value: "LOG_LEVEL"),
        ["probe port 0"] = new(o => o.Container("falco").LivenessProbe.HttpGet.Port = 0, "probe-port-invalid", C0 + ".livenessProbe.httpGet.port", "DaemonSet node-agents/falco", "0"),
        ["probe port name with underscore"] = new(o => o.Container(Fb).ReadinessProbe.HttpGet.Port = "http_api", "probe-port-invalid", C0 + ".readinessProbe.httpGet.port", Value: "http_api"),
        ["probe on an undeclared port name"] = new(o => o.Container(Fb).ReadinessProbe.HttpGet.Port = "metrics", "probe-port-not-found", C0 + ".readinessProbe.httpGet.port", Value: "metrics"),

        // ConfigMap
        ["ConfigMap key with a slash"] = new(o => o.ConfigMap("fluent-bit-config").Data["conf/extra.conf"] = "", "configmap-key-invalid", "data[conf/extra.conf]", "ConfigMap node-agents/fluent-bit-config", "conf/extra.conf"),
        ["ConfigMap key '..data'"] = new(o => o.ConfigMap("fluent-bit-config").Data["..data"] = "", "configmap-key-invalid", "data[..data]", "ConfigMap node-agents/fluent-bit-config"),
        ["ConfigMap key in data and binaryData"] = new(o => o.ConfigMap("fluent-bit-config").BinaryData = new Dictionary<string, byte[]> { ["fluent-bit.conf"] = [1] }, "configmap-key-duplicate", "binaryData[fluent-bit.conf]", "ConfigMap node-agents/fluent-bit-config"),
        ["ConfigMap above 1 MiB"] = new(o => o.ConfigMap("fluent-bit-config").Data["big.conf"] = new string('#', 1024 * 1024), "configmap-too-large", "data", "ConfigMap node-agents/fluent-bit-config"),

        // RBAC and namespaces
        ["ClusterRole named view"] = new(o => o.All.OfType<V1ClusterRole>().Single().Metadata.Name = "view", "rbac-name-reserved", "metadata.name", "ClusterRole view", "view"),
        ["ClusterRole named system:node"] = new(o => o.All.OfType<V1ClusterRole>().Single().Metadata.Name = "system:node", "rbac-name-reserved", "metadata.name", "ClusterRole system:node", "system:node"),
        ["ClusterRoleBinding named cluster-admin"] = new(o => o.All.OfType<V1ClusterRoleBinding>().Single().Metadata.Name = "cluster-admin", "rbac-name-reserved", "metadata.name", "ClusterRoleBinding cluster-admin", "cluster-admin"),
        ["Namespace kube-system"] = new(o => o.All.OfType<V1Namespace>().Single().Metadata.Name = "kube-system", "namespace-system", "metadata.name", "Namespace kube-system", "kube-system"),
        // Service
        ["Service without ports"] = new(o => o.Svc().Spec.Ports = [], "service-ports-required", "spec.ports", Upstream),
        ["two Service ports, one unnamed"] = new(o => o.Svc().Spec.Ports[1].Name = null, "service-port-name-invalid", "spec.ports[1].name", Upstream),
        ["Service port name with capitals"] = new(o => o.Svc().Spec.Ports[0].Name = "DNS", "service-port-name-invalid", "spec.ports[0].name", Upstream, "DNS"),
        ["Service port name twice"] = new(o => o.Svc().Spec.Ports[1].Name = "dns", "service-port-name-invalid", "spec.ports[1].name", Upstream, "dns"),
        ["Service port 0"] = new(o => o.Svc().Spec.Ports[0].Port = 0, "service-port-invalid", "spec.ports[0].port", Upstream, "0"),
        ["Service protocol HTTP"] = new(o => o.Svc().Spec.Ports[1].Protocol = "HTTP", "service-port-invalid", "spec.ports[1].protocol", Upstream, "HTTP"),
        ["Service targetPort 70000"] = new(o => o.Svc().Spec.Ports[0].TargetPort = 70000, "service-port-invalid", "spec.ports[0].targetPort", Upstream, "70000"),
        ["Service targetPort name with underscore"] = new(o => o.Svc().Spec.Ports[0].TargetPort = "dns_udp", "service-port-invalid", "spec.ports[0].targetPort", Upstream, "dns_udp"),
        ["Service port 53/UDP twice"] = new(o => o.Svc().Spec.Ports[1].Protocol = "UDP", "service-port-duplicate", "spec.ports[1]", Upstream, "53/UDP"),

        // Rollout traps
        ["maxSurge with hostNetwork ports"] = new(o => { o.Rolling("node-exporter").MaxUnavailable = 0; o.Rolling("node-exporter").MaxSurge = 1; }, "rollout-surge-with-host-port", "spec.updateStrategy.rollingUpdate.maxSurge", "DaemonSet node-agents/node-exporter", "1"),
        ["maxSurge with a hostPort"] = new(o => { o.Container(Fb).Ports[0].HostPort = 2020; o.Rolling(Fb).MaxUnavailable = 0; o.Rolling(Fb).MaxSurge = "25%"; }, "rollout-surge-with-host-port", "spec.updateStrategy.rollingUpdate.maxSurge", Value: "25%"),
        ["hostPath of type Socket"] = new(o => o.Pod("falco").Volumes.Single(v => v.Name == "containerd-socket").HostPath.Type = "Socket", "host-path-must-exist", Pod + ".volumes[6].hostPath.type", "DaemonSet node-agents/falco", "Socket"),
        ["hostPath of type Directory"] = new(o => o.Pod(Fb).Volumes[0].HostPath.Type = "Directory", "host-path-must-exist", Pod + ".volumes[0].hostPath.type", Value: "Directory"),
        ["version label in the selector"] = new(o => o.Ds(Fb).Spec.Selector.MatchLabels["app.kubernetes.io/version"] = "3.2.2", "selector-unstable-label", "spec.selector.matchLabels[app.kubernetes.io/version]", Value: "3.2.2"),
        ["image tag in a selector value"] = new(o => { o.Ds(Fb).Spec.Selector.MatchLabels["release"] = Release; o.Ds(Fb).Spec.Template.Metadata.Labels["release"] = Release; }, "selector-unstable-label", "spec.selector.matchLabels[release]"),
        ["version key in selector expressions"] = new(o => o.Ds(Fb).Spec.Selector.MatchExpressions = [new V1LabelSelectorRequirement { Key = "version", OperatorProperty = "Exists" }], "selector-unstable-label", "spec.selector.matchExpressions[0].key", Value: "version"),
        ["two agents on host port 9100"] = new(o => o.Container(Fb).Ports[0].HostPort = 9100, "host-port-conflict", C0 + ".ports[0]", "DaemonSet node-agents/node-exporter", "9100/TCP"),
    };

    public static TheoryData<string> Names { get; } = new(All.Keys);

    private const string Term0 = Pod + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]";

    private const string Fields0 = Pod + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]";

    private static void RequiredFields(ValidObjects objects, V1NodeSelectorRequirement field) =>
        objects.Pod(Fb).Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm { MatchFields = [field] }] },
            },
        };

    private static V1NodeSelectorRequirement Expr(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values.ToList() };

    private static void Required(ValidObjects objects, List<V1NodeSelectorRequirement> expressions) =>
        objects.Pod(Fb).Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = expressions.Count == 0 ? [] : [new V1NodeSelectorTerm { MatchExpressions = expressions }],
                },
            },
        };

    private static void Preferred(ValidObjects objects, int weight) =>
        objects.Pod(Fb).Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Weight = weight, Preference = new V1NodeSelectorTerm { MatchExpressions = [Expr("zone", "In", "a")] } },
                ],
            },
        };
}
