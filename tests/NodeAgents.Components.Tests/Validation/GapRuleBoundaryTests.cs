using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Presets;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Validation;

/// <summary>
/// The valid side of the env, pull-policy, OS-pinning, RBAC-name and system-namespace rules: inputs the API server accepts
/// must give no finding (the failing side is in <see cref="RuleCases"/>).
/// </summary>
public class GapRuleBoundaryTests
{
    public static TheoryData<string> ValidFieldPaths { get; } = new(
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
        "metadata.labels['app.kubernetes.io/name']", "metadata.annotations['Example.com/Team']",
    ]);

    [Theory]
    [MemberData(nameof(ValidFieldPaths))]
    public void Every_downward_api_path_for_env_is_accepted(string fieldPath)
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Env[0].ValueFrom.FieldRef.FieldPath = fieldPath;
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Theory]
    [InlineData("limits.cpu")]
    [InlineData("requests.memory")]
    [InlineData("limits.ephemeral-storage")]
    [InlineData("requests.hugepages-2Mi")]
    [InlineData("limits.hugepages-1Gi")]
    public void Container_resources_for_env_are_accepted(string resource)
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Env[0].ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = resource } };
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Fact]
    public void Key_refs_with_name_and_key_and_an_empty_value_beside_valueFrom_are_accepted()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Env =
        [
            new V1EnvVar { Name = "LEVEL", Value = "", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "fluent-bit-config", Key = "level.conf" } } },
            new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "fluent-bit", Key = "token" } } },
            new V1EnvVar { Name = "PLAIN", Value = "x" },
        ];
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Fact]
    public void Every_problem_of_one_env_var_is_reported()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Env = [new V1EnvVar { Name = "SHARED", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "Bad_Name", Key = ".." } } }];

        var findings = ManifestValidator.Validate(objects.All);

        Assert.Equal(
            ["spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key", "spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name"],
            findings.Where(f => f.Rule == "env-key-ref-invalid").Select(f => f.Path));
        Assert.Equal(2, findings.Count);
    }

    [Theory]
    [InlineData("$(PATH):/opt/bin", false)]
    [InlineData("$(PATH)", true)]
    [InlineData("/opt/bin", true)]
    public void A_repeated_env_var_warns_unless_it_builds_on_the_earlier_one(string value, bool warns)
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Env = [new V1EnvVar { Name = "PATH", Value = "/usr/bin" }, new V1EnvVar { Name = "PATH", Value = value }];

        var findings = ManifestValidator.Validate(objects.All);

        Assert.Equal(warns ? ["env-name-duplicate"] : [], findings.Select(f => f.Rule));
    }

    [Theory]
    [InlineData("Always")]
    [InlineData("IfNotPresent")]
    [InlineData("Never")]
    [InlineData(null)]
    public void The_three_pull_policies_and_the_default_are_accepted(string? policy)
    {
        var objects = new ValidObjects();
        objects.Container("falco").ImagePullPolicy = policy;
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Theory]
    [InlineData("In", "linux")]
    [InlineData("NotIn", "windows")]
    [InlineData("DoesNotExist", null)]
    public void Required_affinity_on_the_os_label_in_every_term_pins_the_os(string op, string? value)
    {
        var objects = new ValidObjects();
        var pod = objects.Pod("node-exporter");
        pod.NodeSelector = null;
        V1NodeSelectorRequirement Os() => new() { Key = "kubernetes.io/os", OperatorProperty = op, Values = value is null ? null : [value] };
        pod.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm { MatchExpressions = [Os()] },
                        new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = "In", Values = ["a"] }, Os()] },
                    ],
                },
            },
        };

        // The affinity replaces the guard, so only the virtual-node warning remains.
        Assert.Equal(["virtual-node-not-excluded"], ManifestValidator.Validate(objects.All).Select(finding => finding.Rule));
    }

    [Fact]
    public void A_preferred_os_affinity_does_not_pin_the_os()
    {
        var objects = new ValidObjects();
        var pod = objects.Pod("node-exporter");
        pod.NodeSelector = null;
        pod.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Weight = 100, Preference = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/os", OperatorProperty = "In", Values = ["linux"] }] } },
                ],
            },
        };

        var finding = Assert.Single(ManifestValidator.Validate(objects.All), finding => finding.Rule != "virtual-node-not-excluded");
        Assert.Equal(("pod-os-not-pinned", "DaemonSet node-agents/node-exporter", Severity.Warning), (finding.Rule, finding.Object.ToString(), finding.Severity));
        Assert.Contains("kubernetes.io/os: linux", finding.Message);
    }

    [Theory]
    [InlineData("view")]
    [InlineData("admin")]
    [InlineData("edit")]
    public void A_binding_may_share_a_name_with_a_built_in_role_that_has_no_built_in_binding(string name)
    {
        var objects = new ValidObjects();
        objects.All.OfType<V1ClusterRoleBinding>().Single().Metadata.Name = name;
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("system-logs")]
    [InlineData("fluent-bit:system:reader")]
    public void Role_names_that_only_resemble_built_in_ones_are_accepted(string name)
    {
        var objects = new ValidObjects();
        objects.All.OfType<V1ClusterRole>().Single().Metadata.Name = name;
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Fact]
    public void An_agent_deployed_into_kube_system_gets_no_Namespace_object_and_so_no_namespace_warning()
    {
        var manifests = ManifestSet.Build([MonitoringAgentPreset.Build(new MonitoringAgentOptions { Namespace = "kube-system" })]);

        Assert.Empty(manifests.Namespaces);
        Assert.Empty(ManifestValidator.Validate(manifests));
    }

    [Theory]
    [InlineData("nvidia.com/gpu")]
    [InlineData("hugepages-2Mi")]
    public void Extended_and_hugepages_resources_with_request_equal_to_limit_are_accepted(string resource)
    {
        var spec = LoggingAgentPreset.Build() with
        {
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), [resource] = new("1") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi"), [resource] = new("1") },
            },
        };

        Assert.DoesNotContain(ManifestValidator.Validate(ManifestSet.Build([spec])), finding => finding.Rule == "resource-extended-overcommit");
    }
}
