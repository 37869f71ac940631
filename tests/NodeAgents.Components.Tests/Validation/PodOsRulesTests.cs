using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Validation;

/// <summary>
/// Windows pods follow their own API rules (k8s.io/kubernetes pkg/apis/core/validation validateOS, validateWindows,
/// validateLinux): each Linux-only field on a pod with spec.os.name windows is refused at its path with the API's words.
/// </summary>
public class PodOsRulesTests
{
    private const string Pod = "spec.template.spec";
    private const string C0 = Pod + ".containers[0]";

    private static V1DaemonSet WindowsDaemonSet() => NodeAgentBuilder.Build(FluentBitWindowsPreset.Build()).DaemonSet;

    private static IReadOnlyList<Finding> Validate(V1DaemonSet daemonSet) => ManifestValidator.Validate([daemonSet]);

    /// <summary>Each Linux-only field of validateWindows: how to set it on the pod, its path and its value as reported.</summary>
    public static IReadOnlyDictionary<string, (Action<V1PodSpec> Set, string Path, string? Value)> LinuxOnlyFields { get; } =
        new SortedDictionary<string, (Action<V1PodSpec>, string, string?)>(StringComparer.Ordinal)
        {
            ["pod hostPID"] = (pod => pod.HostPID = true, Pod + ".hostPID", "true"),
            ["pod hostIPC"] = (pod => pod.HostIPC = true, Pod + ".hostIPC", "true"),
            ["pod hostUsers"] = (pod => pod.HostUsers = false, Pod + ".hostUsers", "false"),
            ["pod shareProcessNamespace"] = (pod => pod.ShareProcessNamespace = false, Pod + ".shareProcessNamespace", "false"),
            ["pod seLinuxOptions"] = (pod => Sc(pod).SeLinuxOptions = new V1SELinuxOptions { Level = "s0" }, Pod + ".securityContext.seLinuxOptions", null),
            ["pod seccompProfile"] = (pod => Sc(pod).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }, Pod + ".securityContext.seccompProfile", "RuntimeDefault"),
            ["pod appArmorProfile"] = (pod => Sc(pod).AppArmorProfile = new V1AppArmorProfile { Type = "RuntimeDefault" }, Pod + ".securityContext.appArmorProfile", null),
            ["pod fsGroup"] = (pod => Sc(pod).FsGroup = 2000, Pod + ".securityContext.fsGroup", "2000"),
            ["pod fsGroupChangePolicy"] = (pod => Sc(pod).FsGroupChangePolicy = "OnRootMismatch", Pod + ".securityContext.fsGroupChangePolicy", "OnRootMismatch"),
            ["pod sysctls"] = (pod => Sc(pod).Sysctls = [new V1Sysctl { Name = "net.core.somaxconn", Value = "1024" }], Pod + ".securityContext.sysctls", null),
            ["pod runAsUser"] = (pod => Sc(pod).RunAsUser = 1000, Pod + ".securityContext.runAsUser", "1000"),
            ["pod runAsGroup"] = (pod => Sc(pod).RunAsGroup = 1000, Pod + ".securityContext.runAsGroup", "1000"),
            ["pod supplementalGroups"] = (pod => Sc(pod).SupplementalGroups = [44], Pod + ".securityContext.supplementalGroups", null),
            ["pod supplementalGroupsPolicy"] = (pod => Sc(pod).SupplementalGroupsPolicy = "Merge", Pod + ".securityContext.supplementalGroupsPolicy", "Merge"),
            ["pod seLinuxChangePolicy"] = (pod => Sc(pod).SeLinuxChangePolicy = "MountOption", Pod + ".securityContext.seLinuxChangePolicy", "MountOption"),
            ["container capabilities"] = (pod => pod.Containers[0].SecurityContext.Capabilities = new V1Capabilities { Drop = ["ALL"] }, C0 + ".securityContext.capabilities", null),
            ["container readOnlyRootFilesystem"] = (pod => pod.Containers[0].SecurityContext.ReadOnlyRootFilesystem = true, C0 + ".securityContext.readOnlyRootFilesystem", "true"),
            ["container privileged"] = (pod => pod.Containers[0].SecurityContext.Privileged = false, C0 + ".securityContext.privileged", "false"),
            ["container allowPrivilegeEscalation"] = (pod => pod.Containers[0].SecurityContext.AllowPrivilegeEscalation = false, C0 + ".securityContext.allowPrivilegeEscalation", "false"),
            ["container procMount"] = (pod => pod.Containers[0].SecurityContext.ProcMount = "Default", C0 + ".securityContext.procMount", "Default"),
            ["container seccompProfile"] = (pod => pod.Containers[0].SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }, C0 + ".securityContext.seccompProfile", "RuntimeDefault"),
            ["container seLinuxOptions"] = (pod => pod.Containers[0].SecurityContext.SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" }, C0 + ".securityContext.seLinuxOptions", null),
            ["container appArmorProfile"] = (pod => pod.Containers[0].SecurityContext.AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" }, C0 + ".securityContext.appArmorProfile", null),
            ["container runAsUser"] = (pod => pod.Containers[0].SecurityContext.RunAsUser = 0, C0 + ".securityContext.runAsUser", "0"),
            ["container runAsGroup"] = (pod => pod.Containers[0].SecurityContext.RunAsGroup = 0, C0 + ".securityContext.runAsGroup", "0"),
            ["init container capabilities"] = (pod => pod.InitContainers = [new V1Container { Name = "init", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022", SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["NET_ADMIN"] } } }], Pod + ".initContainers[0].securityContext.capabilities", null),
        };

    public static TheoryData<string> LinuxOnlyFieldNames { get; } = new(LinuxOnlyFields.Keys);

    private static V1PodSecurityContext Sc(V1PodSpec pod) => pod.SecurityContext ??= new V1PodSecurityContext();

    [Theory]
    [MemberData(nameof(LinuxOnlyFieldNames))]
    public void A_Linux_only_field_on_a_Windows_pod_is_refused_at_its_path_with_the_API_servers_words(string field)
    {
        var (set, path, value) = LinuxOnlyFields[field];
        var daemonSet = WindowsDaemonSet();
        set(daemonSet.Spec.Template.Spec);

        var finding = Assert.Single(Validate(daemonSet), finding => finding.Rule == "windows-pod-linux-field");

        Assert.Equal((path, value, Severity.Error), (finding.Path, finding.Value, finding.Severity));
        Assert.StartsWith("cannot be set for a windows pod", finding.Message, StringComparison.Ordinal);
        Assert.Equal("k8s.io/kubernetes pkg/apis/core/validation validateWindows", finding.Source);
    }

    [Fact]
    public void The_Windows_presets_set_spec_os_and_validate_cleanly()
    {
        Assert.Empty(Validate(WindowsDaemonSet()));
        var exporter = NodeAgentBuilder.Build(WindowsExporterPreset.Build()).DaemonSet;
        Assert.Equal("windows", exporter.Spec.Template.Spec.Os.Name);
        Assert.Empty(Validate(exporter));
    }

    [Fact]
    public void Windows_pod_fields_are_allowed_and_the_rules_hold_only_when_spec_os_says_windows()
    {
        var daemonSet = WindowsDaemonSet();
        var pod = daemonSet.Spec.Template.Spec;
        Sc(pod).WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerAdministrator" };
        Sc(pod).RunAsNonRoot = false;
        pod.Containers[0].SecurityContext.WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerUser" };
        Assert.Empty(Validate(daemonSet));

        // The API applies validateWindows only with spec.os.name: windows; without it the same fields pass the API, and a
        // pod for Windows nodes gets one warning that names them.
        pod.HostPID = true;
        pod.Containers[0].SecurityContext.ReadOnlyRootFilesystem = true;
        pod.Os = null;
        var warning = Assert.Single(Validate(daemonSet));
        Assert.Equal(("windows-pod-os-not-set", Severity.Warning, Pod + ".os"), (warning.Rule, warning.Severity, warning.Path));
        Assert.EndsWith("set os.name: windows and remove the Linux-only fields it would then reject: hostPID, containers[0].securityContext.readOnlyRootFilesystem", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Linux_preset_pinned_to_Windows_by_its_nodeSelector_is_warned_about_what_spec_os_windows_would_reject()
    {
        var spec = LoggingAgentPreset.Build(new LoggingAgentOptions { NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" } });

        var warning = Assert.Single(ManifestValidator.Validate(ManifestSet.Build([spec])), finding => finding.Rule == "windows-pod-os-not-set");

        Assert.EndsWith(
            "containers[0].securityContext.seccompProfile, containers[0].securityContext.capabilities, containers[0].securityContext.readOnlyRootFilesystem, containers[0].securityContext.allowPrivilegeEscalation",
            warning.Message, StringComparison.Ordinal);
        // A required node affinity that admits only Windows nodes counts as well; one that admits Linux too does not.
        var affinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/os", OperatorProperty = "In", Values = ["windows"] }] }],
            },
        };
        var byAffinity = LoggingAgentPreset.Build(new LoggingAgentOptions { NodeSelector = new Dictionary<string, string>(), NodeAffinity = affinity });
        Assert.Contains(ManifestValidator.Validate(ManifestSet.Build([byAffinity])), finding => finding.Rule == "windows-pod-os-not-set");
        affinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Values = ["linux", "windows"];
        var both = LoggingAgentPreset.Build(new LoggingAgentOptions { NodeSelector = new Dictionary<string, string>(), NodeAffinity = affinity });
        Assert.DoesNotContain(ManifestValidator.Validate(ManifestSet.Build([both])), finding => finding.Rule == "windows-pod-os-not-set");
    }

    [Fact]
    public void A_Linux_pod_may_not_carry_windowsOptions_in_the_pod_or_a_container()
    {
        var daemonSet = NodeAgentBuilder.Build(LoggingAgentPreset.Build()).DaemonSet;
        var pod = daemonSet.Spec.Template.Spec;
        pod.Os = new V1PodOS { Name = "linux" };
        Assert.Empty(Validate(daemonSet));

        Sc(pod).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false };
        pod.Containers[0].SecurityContext.WindowsOptions = new V1WindowsSecurityContextOptions { RunAsUserName = "ContainerUser" };
        var findings = Validate(daemonSet).Where(finding => finding.Rule == "linux-pod-windows-options").ToList();

        Assert.Equal([C0 + ".securityContext.windowsOptions", Pod + ".securityContext.windowsOptions"], findings.Select(finding => finding.Path));
        Assert.All(findings, finding => Assert.Equal("windows options cannot be set for a linux pod", finding.Message));
        Assert.All(findings, finding => Assert.Equal("k8s.io/kubernetes pkg/apis/core/validation validateLinux", finding.Source));
    }

    [Fact]
    public void An_unknown_or_empty_os_name_is_refused_and_stops_the_OS_field_rules()
    {
        var daemonSet = NodeAgentBuilder.Build(LoggingAgentPreset.Build()).DaemonSet;
        daemonSet.Spec.Template.Spec.Os = new V1PodOS { Name = "Windows" };

        var finding = Assert.Single(Validate(daemonSet));
        Assert.Equal(("pod-os-name-invalid", Pod + ".os", "Windows"), (finding.Rule, finding.Path, finding.Value));
        Assert.Equal("supported values: \"linux\", \"windows\"", finding.Message);

        daemonSet.Spec.Template.Spec.Os = new V1PodOS { Name = "" };
        Assert.Equal(Pod + ".os.name", Assert.Single(Validate(daemonSet)).Path);
    }
}
