using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// The typed mapping k8s.Models → Pulumi.Kubernetes args must carry every field the core emits. The presets and the two
/// stacks are covered by the parity tests; this spec sets every optional field a user can reach through a spec.
/// </summary>
[Collection(PulumiCollection.Name)]
public class MappingCoverageTests
{
    private static NodeAgentSpec RichSpec()
    {
        var security = SecureDefaults.ContainerSecurityContext();
        security.RunAsNonRoot = true;
        security.Privileged = false;
        security.RunAsUser = 1000;
        security.RunAsGroup = 2000;
        security.ProcMount = "Default";
        security.Capabilities.Add = ["NET_BIND_SERVICE"];
        security.SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t", Level = "s0:c1", Role = "system_r", User = "system_u" };
        security.AppArmorProfile = new V1AppArmorProfile { Type = "Localhost", LocalhostProfile = "agent" };
        security.SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = "profiles/agent.json" };
        security.WindowsOptions = new V1WindowsSecurityContextOptions { GmsaCredentialSpecName = "gmsa-agent", GmsaCredentialSpec = "{}", RunAsUserName = "ContainerUser", HostProcess = false };
        return new NodeAgentSpec
        {
            Name = "rich",
            Role = AgentRole.Monitoring,
            Namespace = "observability",
            Instance = "rich-a",
            PartOf = "platform",
            Image = new ImageReference("registry.example.com:5000/team/agent", "1.2.3", "sha256:" + new string('a', 64)),
            ImagePullPolicy = "Always",
            Command = ["/agent"],
            Args = ["--verbose", "--port=9000"],
            Env =
            [
                new V1EnvVar { Name = "PLAIN", Value = "x" },
                new V1EnvVar { Name = "FROM_MAP", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "other", Key = "k", Optional = true } } },
                new V1EnvVar { Name = "LIMIT", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = "rich", Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } } },
                new V1EnvVar { Name = "NODE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "spec.nodeName" } } },
            ],
            SecretEnv = [new SecretEnvVar("TOKEN", "token", new SecretSource(GeneratedLength: 48)), new SecretEnvVar("TOKEN_AGAIN", "token", new SecretSource(GeneratedLength: 48))],
            Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = 9000, HostPort = 9000, HostIP = "127.0.0.1", Protocol = "TCP" }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("1Gi"), ["ephemeral-storage"] = new("2Gi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("1Gi") },
            },
            LivenessProbe = new V1Probe
            {
                Exec = new V1ExecAction { Command = ["/agent", "health"] },
                InitialDelaySeconds = 5, PeriodSeconds = 7, TimeoutSeconds = 2, SuccessThreshold = 1, FailureThreshold = 4, TerminationGracePeriodSeconds = 30,
            },
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = "metrics", Scheme = "HTTPS", Host = "127.0.0.1", HttpHeaders = [new V1HTTPHeader { Name = "X-Probe", Value = "1" }] } },
            SecurityContext = security,
            HostNetwork = true,
            HostPID = true,
            DnsPolicy = "Default",
            PriorityClassName = "system-node-critical",
            TerminationGracePeriodSeconds = 45,
            ServiceAccountName = "rich-sa",
            HostPaths =
            [
                new HostPathMount("root", "/", "/host/root", HostPathTypes.Directory, MountPropagation: "HostToContainer"),
                new HostPathMount("run", "/run/agent", "/run/agent", HostPathTypes.DirectoryOrCreate, Writable: true),
            ],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["a.yaml"] = "a: 1\n", ["b.yaml"] = "b: 2\n" },
            ConfigMount = new ConfigMount("/etc/rich", PerFile: true),
            NodeSelector = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/os"] = "linux", ["pool"] = "general" },
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm
                        {
                            MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/arch", OperatorProperty = "In", Values = ["amd64", "arm64"] }],
                            MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "NotIn", Values = ["node-1"] }],
                        },
                    ],
                },
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Weight = 10, Preference = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "gpu", OperatorProperty = "DoesNotExist" }] } },
                ],
            },
            Tolerations =
            [
                new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "agents", Effect = "NoSchedule" },
                new V1Toleration { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            ],
            UpdateStrategy = UpdateStrategies.RollingUpdate("25%"),
            MinReadySeconds = 15,
            RevisionHistoryLimit = 3,
            ClusterRules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["nodes", "nodes/metrics"], Verbs = ["get", "list", "watch"] },
                new V1PolicyRule { ApiGroups = ["apps"], Resources = ["daemonsets"], ResourceNames = ["rich"], Verbs = ["get"] },
                new V1PolicyRule { NonResourceURLs = ["/metrics"], Verbs = ["get"] },
            ],
            Services =
            [
                new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = "rich-api", Labels = new Dictionary<string, string> { ["tier"] = "edge" }, Annotations = new Dictionary<string, string> { ["note"] = "x" } },
                    Spec = new V1ServiceSpec
                    {
                        Type = "NodePort",
                        Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "rich" },
                        Ports =
                        [
                            new V1ServicePort { Name = "api", Protocol = "TCP", Port = 9000, TargetPort = "metrics", NodePort = 30900, AppProtocol = "https" },
                            new V1ServicePort { Name = "api-udp", Protocol = "UDP", Port = 9000, TargetPort = 9000 },
                        ],
                        ClusterIP = "10.96.0.50",
                        ClusterIPs = ["10.96.0.50"],
                        IpFamilies = ["IPv4"],
                        IpFamilyPolicy = "SingleStack",
                        InternalTrafficPolicy = "Local",
                        ExternalTrafficPolicy = "Local",
                        SessionAffinity = "ClientIP",
                        PublishNotReadyAddresses = true,
                        TrafficDistribution = "PreferClose",
                    },
                },
                new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = "rich-headless" },
                    Spec = new V1ServiceSpec { ClusterIP = "None", Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "rich" } },
                },
            ],
            ExtraLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["team"] = "platform" },
            PodAnnotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["prometheus.io/scrape"] = "true" },
        };
    }

    [Fact]
    public async Task Every_field_of_a_spec_that_sets_every_option_reaches_the_registered_inputs()
    {
        var spec = RichSpec();
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new NodeAgent("rich", new NodeAgentArgs { Spec = spec, OwnsNamespace = true });
            return new Dictionary<string, object?>();
        });

        var manifests = ManifestSet.Build([spec], spec.PartOf);
        var registered = engine.KubernetesObjects();
        Assert.Equal(manifests.Objects.Select(obj => obj.Kind), registered.Select(obj => obj.Kind));
        foreach (var obj in manifests.Objects)
        {
            var inputs = registered.Single(r => r.Kind == obj.Kind && r.Name == obj.Metadata.Name).Inputs;
            var expected = ObjectJson.FromModel(obj);
            ObjectJson.AssertSame($"{obj.Kind}/{obj.Metadata.Name}", expected, ObjectJson.FromInputsWithoutDeployTimeValues(obj.Kind, inputs, manifests.Agents[0].Objects.Secret is not null));
        }

        // The spec really exercises the rare fields (so the comparison above covers them).
        var daemonSet = ObjectJson.Leaves(ObjectJson.FromModel(manifests.Agents[0].Objects.DaemonSet));
        foreach (var leaf in new[]
        {
            "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]=\"node-1\"",
            "spec.template.spec.containers[0].env[2].valueFrom.resourceFieldRef.divisor=\"1Mi\"",
            "spec.template.spec.containers[0].livenessProbe.exec.command[1]=\"health\"",
            "spec.template.spec.containers[0].securityContext.seLinuxOptions.type=\"spc_t\"",
            "spec.template.spec.tolerations[1].tolerationSeconds=300",
            "spec.updateStrategy.rollingUpdate.maxUnavailable=\"25%\"",
            "spec.updateStrategy.rollingUpdate.maxSurge=0",
            "spec.template.spec.volumes[2].configMap.name=\"rich-config\"",
        })
        {
            Assert.Contains(leaf, daemonSet);
        }

        var service = ObjectJson.Leaves(ObjectJson.FromModel(manifests.Agents[0].Objects.Services[0]));
        foreach (var leaf in new[]
        {
            "metadata.namespace=\"observability\"",
            "spec.ports[0].nodePort=30900",
            "spec.ports[0].targetPort=\"metrics\"",
            "spec.ports[0].appProtocol=\"https\"",
            "spec.ports[1].targetPort=9000",
            "spec.clusterIPs[0]=\"10.96.0.50\"",
            "spec.publishNotReadyAddresses=true",
            "spec.trafficDistribution=\"PreferClose\"",
            "spec.type=\"NodePort\"",
        })
        {
            Assert.Contains(leaf, service);
        }

        Assert.Contains(registered, obj => obj.Kind == "Service" && obj.Name == "rich-headless");

        // Every field of the container securityContext (the client library's V1SecurityContext, all of them, so a field
        // the client adds fails here until the spec sets it and the mapping carries it).
        var security = manifests.Agents[0].Objects.DaemonSet.Spec.Template.Spec.Containers[0].SecurityContext;
        Assert.Empty(typeof(V1SecurityContext).GetProperties().Where(property => property.GetValue(security) is null).Select(property => property.Name));
        Assert.Contains("spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName=\"ContainerUser\"", daemonSet);

        var password = Assert.Single(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        Assert.Equal(48.0, password.Inputs["length"]);
    }

    [Fact]
    public async Task A_Service_field_the_mapping_does_not_carry_fails_the_run_instead_of_being_dropped()
    {
        var spec = RichSpec();
        spec.Services[1].Spec.ExternalIPs = ["192.0.2.10"];
        var engine = new MockEngine();

        var error = await Assert.ThrowsAsync<global::Pulumi.RunException>(() => engine.RunAsync(() =>
        {
            _ = new NodeAgent("rich", new NodeAgentArgs { Spec = spec });
            return new Dictionary<string, object?>();
        }));

        Assert.Contains("Service observability/rich-headless: spec.externalIPs cannot be deployed by the Pulumi components; leave it out", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type!.StartsWith("kubernetes:", StringComparison.Ordinal));
    }
}
