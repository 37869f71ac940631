using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Validation;

public class ManifestValidatorTests
{
    [Fact]
    public void The_default_presets_have_no_findings()
    {
        Assert.Empty(ManifestValidator.Validate(new ValidObjects().Manifests));
    }

    [Theory]
    [MemberData(nameof(RuleCases.Names), MemberType = typeof(RuleCases))]
    public void Each_minimal_failing_input_gives_its_rule_at_its_path(string name)
    {
        var @case = RuleCases.All[name];
        var objects = new ValidObjects();
        @case.Mutate(objects);

        var findings = ManifestValidator.Validate(objects.All);

        var rule = ManifestValidator.Rules.Single(r => r.Id == @case.Rule);
        var finding = Assert.Single(findings, f => f.Rule == @case.Rule && f.Path == @case.Path);
        Assert.Equal(@case.Object, finding.Object.ToString());
        Assert.Equal(rule.Severity, finding.Severity);
        Assert.Equal(rule.Source, finding.Source);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        if (@case.Value is not null)
        {
            Assert.Equal(@case.Value, finding.Value);
        }
    }

    [Fact]
    public void Every_rule_has_a_failing_input()
    {
        var covered = RuleCases.All.Values.Select(c => c.Rule).ToHashSet();
        var uncovered = ManifestValidator.Rules.Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.Empty(uncovered);
        Assert.Equal(ManifestValidator.Rules.Count, ManifestValidator.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(ManifestValidator.Rules, r => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Id));
    }

    [Fact]
    public void The_feature_doc_lists_every_rule_with_its_severity()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "validation.md"));
        Assert.All(ManifestValidator.Rules, r => Assert.Contains($"| `{r.Id}` | {r.Severity.ToString().ToLowerInvariant()} |", doc));
    }

    [Fact]
    public void The_tutorial_rolling_update_is_rejected_with_the_api_reason_and_a_fix()
    {
        var objects = new ValidObjects();
        objects.Rolling("node-exporter").MaxUnavailable = 1;
        objects.Rolling("node-exporter").MaxSurge = 1;

        var findings = ManifestValidator.Validate(objects.All);

        var api = Assert.Single(findings, f => f.Rule == "daemonset-surge-and-unavailable");
        Assert.StartsWith("maxSurge may not be set when maxUnavailable is non-zero", api.Message);
        Assert.Contains("set maxSurge: 0", api.Message);
        Assert.Equal("k8s.io/kubernetes pkg/apis/apps/validation ValidateRollingUpdateDaemonSet", api.Source);
        // node-exporter binds 9100 on the host: the surge also hangs the rollout.
        var trap = Assert.Single(findings, f => f.Rule == "rollout-surge-with-host-port");
        Assert.Contains("9100/TCP", trap.Message);
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void Surge_without_host_ports_and_percentages_up_to_100_are_valid()
    {
        var objects = new ValidObjects();
        objects.Rolling("fluent-bit").MaxUnavailable = 0;
        objects.Rolling("fluent-bit").MaxSurge = "100%";
        objects.Rolling("falco").MaxUnavailable = "100%";
        objects.Ds("node-local-dns").Spec.UpdateStrategy = UpdateStrategies.OnDelete();

        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Fact]
    public void A_missing_rolling_update_gets_the_api_defaults()
    {
        var objects = new ValidObjects();
        objects.Ds("fluent-bit").Spec.UpdateStrategy = new V1DaemonSetUpdateStrategy();
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    private static readonly Dictionary<string, Func<NodeAgentSpec>> Variants = new()
    {
        ["logging defaults"] = () => LoggingAgentPreset.Build(),
        ["logging loki with tls"] = () => LoggingAgentPreset.Build(new LoggingAgentOptions { Output = new LogOutput { Type = "loki", Host = "loki.svc", Tls = true } }),
        ["logging forward with generated key"] = () => LoggingAgentPreset.Build(new LoggingAgentOptions { Output = new LogOutput { SharedKey = "generate" } }),
        ["monitoring defaults"] = () => MonitoringAgentPreset.Build(),
        ["monitoring on port 9200"] = () => MonitoringAgentPreset.Build(new MonitoringAgentOptions { Port = 9200 }),
        ["network defaults"] = () => NetworkAgentPreset.Build(),
        ["security defaults"] = () => SecurityAgentPreset.Build(),
        ["Windows logging defaults"] = () => NodeAgents.Presets.Catalog.FluentBitWindowsPreset.Build(),
        ["Windows logging for Windows Server 2019"] = () => NodeAgents.Presets.Catalog.FluentBitWindowsPreset.Build(new LoggingAgentOptions
        {
            Image = new("ghcr.io/fluent/fluent-bit", "windows-2019-3.2.10"),
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.17763" },
        }),
        ["Windows monitoring defaults"] = () => NodeAgents.Presets.Catalog.WindowsExporterPreset.Build(),
        ["security privileged"] = () => SecurityAgentPreset.Build(new SecurityAgentOptions { Privileged = true }),
        ["security audit on control planes only"] = () => SecurityAgentPreset.Build(new SecurityAgentOptions { Mode = "audit", Tolerations = Tolerations.ControlPlane() }),
        ["logging with affinity"] = () => LoggingAgentPreset.Build(new LoggingAgentOptions
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/arch", OperatorProperty = "In", Values = ["amd64", "arm64"] }] }],
                },
                PreferredDuringSchedulingIgnoredDuringExecution = [new V1PreferredSchedulingTerm { Weight = 100, Preference = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "cores", OperatorProperty = "Gt", Values = ["4"] }] } }],
            },
        }),
    };

    public static TheoryData<string> PresetVariants { get; } = new(Variants.Keys);

    [Theory]
    [MemberData(nameof(PresetVariants))]
    public void Each_preset_variant_is_valid(string variant)
    {
        var findings = ManifestValidator.Validate(ManifestSet.Build([Variants[variant]()]));
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Findings_are_sorted_errors_first_then_by_object_and_path()
    {
        var objects = new ValidObjects();
        objects.Pod("node-exporter").Tolerations.Add(new V1Toleration { Key = "a", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 5 });
        objects.Container("falco").Ports[0].ContainerPort = 0;
        objects.Pod("fluent-bit").RestartPolicy = "Never";
        objects.Ds("fluent-bit").Spec.MinReadySeconds = -1;

        var findings = ManifestValidator.Validate(objects.All);

        Assert.Equal(
            [
                ("falco", "spec.template.spec.containers[0].ports[0].containerPort", Severity.Error),
                ("fluent-bit", "spec.minReadySeconds", Severity.Error),
                ("fluent-bit", "spec.template.spec.restartPolicy", Severity.Error),
                ("node-exporter", "spec.template.spec.tolerations[3].tolerationSeconds", Severity.Warning),
            ],
            findings.Select(f => (f.Object.Name, f.Path, f.Severity)));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        string[] independent =
        [
            "negative minReadySeconds", "restartPolicy OnFailure", "env name starting with a digit", "protocol HTTP", "hostPath type Dir",
            "nodeSelector key with a space", "label key with a space", "effect NoEvict", "ConfigMap key with a slash", "cpu request above limit",
            "maxSurge with hostNetwork ports", "imagePullPolicy in lower case", "priorityClassName with capitals", "valueFrom with two sources",
            "ClusterRole named view", "Namespace kube-system",
        ];
        var objects = new ValidObjects();
        foreach (var name in independent)
        {
            RuleCases.All[name].Mutate(objects);
        }

        var findings = ManifestValidator.Validate(objects.All);

        Assert.Equal(
            independent.Select(name => (RuleCases.All[name].Rule, RuleCases.All[name].Path)).Order(),
            findings.Select(f => (f.Rule, f.Path)).Order());
    }

    [Fact]
    public void EnsureValid_throws_with_every_error_and_passes_warnings_through()
    {
        var objects = new ValidObjects();
        objects.Rolling("fluent-bit").MaxSurge = 1;
        objects.Ds("falco").Spec.RevisionHistoryLimit = -3;

        var error = Assert.Throws<ManifestValidationException>(() => ManifestValidator.EnsureValid(objects.All));
        Assert.Equal(["daemonset-surge-and-unavailable", "daemonset-revision-history-limit-negative"], error.Findings.Select(f => f.Rule).Order().Reverse());
        Assert.StartsWith("2 validation errors:", error.Message);

        var warned = new ValidObjects();
        warned.Pod("fluent-bit").Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
        var warnings = ManifestValidator.EnsureValid(warned.All);
        Assert.Equal("toleration-exists-tolerates-no-execute", Assert.Single(warnings).Rule);
    }

    [Fact]
    public void Validation_does_not_change_the_objects()
    {
        var objects = new ValidObjects();
        objects.Ds("fluent-bit").Spec.UpdateStrategy = new V1DaemonSetUpdateStrategy();
        var before = k8s.KubernetesJson.Serialize(objects.Ds("fluent-bit"));
        ManifestValidator.Validate(objects.All);
        Assert.Equal(before, k8s.KubernetesJson.Serialize(objects.Ds("fluent-bit")));
    }
}
