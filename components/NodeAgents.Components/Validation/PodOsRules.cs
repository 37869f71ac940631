using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// The pod's operating system and the fields each system forbids, as k8s.io/kubernetes pkg/apis/core/validation states
/// them: <c>validateOS</c> (<c>spec.os.name</c> is <c>linux</c> or <c>windows</c>), then, only when that holds,
/// <c>validateLinux</c> (no <c>windowsOptions</c> on a Linux pod) or <c>validateWindows</c> (none of the Linux-only pod
/// and container fields on a Windows pod; every container, init containers included, is checked). The API applies the
/// Windows rules only when <c>spec.os.name</c> is <c>windows</c>; a pod whose node selection admits only Windows nodes but
/// does not say so gets a warning naming the fields the API would then reject (kubernetes.io/docs/concepts/windows/user-guide:
/// "You can (and should) set .spec.os.name for each Pod").
/// </summary>
internal static class PodOsRules
{
    public static readonly ValidationRule OsName = new("pod-os-name-invalid", Severity.Error, Sources.Core + "validateOS", "spec.os.name, when spec.os is set, is linux or windows");
    public static readonly ValidationRule LinuxField = new("windows-pod-linux-field", Severity.Error, Sources.Core + "validateWindows", "a pod with spec.os.name windows sets none of the Linux-only pod and container fields (hostPID, hostIPC, hostUsers, shareProcessNamespace, seLinuxOptions, seccompProfile, appArmorProfile, fsGroup, fsGroupChangePolicy, sysctls, runAsUser, runAsGroup, supplementalGroups, supplementalGroupsPolicy, seLinuxChangePolicy, capabilities, readOnlyRootFilesystem, privileged, allowPrivilegeEscalation, procMount)");
    public static readonly ValidationRule WindowsOptions = new("linux-pod-windows-options", Severity.Error, Sources.Core + "validateLinux", "a pod with spec.os.name linux sets no windowsOptions, in the pod or a container");
    public static readonly ValidationRule OsNotSet = new("windows-pod-os-not-set", Severity.Warning, "kubernetes.io/docs/concepts/windows/user-guide (set .spec.os.name for each Pod); k8s.io/kubernetes pkg/apis/core/validation ValidatePodSpec (validateWindows only when spec.os.name is windows)", "a pod that runs only on Windows nodes sets spec.os.name: windows");

    public static IReadOnlyList<ValidationRule> All { get; } = [OsName, LinuxField, WindowsOptions, OsNotSet];

    /// <summary>The API server's message for a Linux-only field on a Windows pod.</summary>
    public const string WindowsMessage = "cannot be set for a windows pod";

    /// <summary>The API server's message for windowsOptions on a Linux pod.</summary>
    public const string LinuxMessage = "windows options cannot be set for a linux pod";

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        if (pod.Os is { } os)
        {
            switch (os.Name)
            {
                case null or "":
                    sink.Add(OsName, podPath + ".os.name", null, "cannot be empty; use linux or windows");
                    break;
                case PodOs.Linux:
                    CheckLinux(pod, podPath, sink);
                    break;
                case PodOs.Windows:
                    foreach (var (path, value) in LinuxOnlyFields(pod, podPath))
                    {
                        sink.Add(LinuxField, path, value, WindowsMessage + "; remove it (Windows containers have no such setting; windowsOptions carries theirs)");
                    }

                    break;
                default:
                    sink.Add(OsName, podPath + ".os", os.Name, "supported values: \"linux\", \"windows\"");
                    break;
            }

            return;
        }

        if (PodOs.SelectsOnlyWindowsNodes(pod))
        {
            var fields = LinuxOnlyFields(pod, podPath).Select(field => field.Path[(podPath.Length + 1)..]).ToList();
            sink.Add(OsNotSet, podPath + ".os", null,
                "the pod runs only on Windows nodes but does not set os.name: windows, so the API server does not apply its Windows field rules and Pod Security admission treats it as a Linux pod; set os.name: windows"
                + (fields.Count == 0 ? "" : $" and remove the Linux-only fields it would then reject: {string.Join(", ", fields)}"));
        }
    }

    private static void CheckLinux(V1PodSpec pod, string podPath, FindingSink sink)
    {
        if (pod.SecurityContext?.WindowsOptions is not null)
        {
            sink.Add(WindowsOptions, podPath + ".securityContext.windowsOptions", null, LinuxMessage);
        }

        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            if (container.SecurityContext?.WindowsOptions is not null)
            {
                sink.Add(WindowsOptions, path + ".securityContext.windowsOptions", null, LinuxMessage);
            }
        }
    }

    /// <summary>
    /// The Linux-only fields <paramref name="pod"/> sets, with their paths and values, in validateWindows' order: the pod's
    /// (hostPID and hostIPC only when true, as their internal booleans; the others when present), then each container's.
    /// </summary>
    private static IEnumerable<(string Path, string? Value)> LinuxOnlyFields(V1PodSpec pod, string podPath)
    {
        var context = pod.SecurityContext;
        var sc = podPath + ".securityContext";
        (string, string?)? Field(bool set, string path, object? value) => set ? (path, value is null ? null : Text(value)) : null;
        var podFields = new[]
        {
            Field(context?.AppArmorProfile is not null, sc + ".appArmorProfile", null),
            Field(context?.SeLinuxOptions is not null, sc + ".seLinuxOptions", null),
            Field(pod.HostUsers is not null, podPath + ".hostUsers", pod.HostUsers),
            Field(pod.HostPID == true, podPath + ".hostPID", true),
            Field(pod.HostIPC == true, podPath + ".hostIPC", true),
            Field(context?.SeccompProfile is not null, sc + ".seccompProfile", context?.SeccompProfile?.Type),
            Field(context?.FsGroup is not null, sc + ".fsGroup", context?.FsGroup),
            Field(context?.FsGroupChangePolicy is not null, sc + ".fsGroupChangePolicy", context?.FsGroupChangePolicy),
            Field(context?.Sysctls is { Count: > 0 }, sc + ".sysctls", null),
            Field(pod.ShareProcessNamespace is not null, podPath + ".shareProcessNamespace", pod.ShareProcessNamespace),
            Field(context?.RunAsUser is not null, sc + ".runAsUser", context?.RunAsUser),
            Field(context?.RunAsGroup is not null, sc + ".runAsGroup", context?.RunAsGroup),
            Field(context?.SupplementalGroups is not null, sc + ".supplementalGroups", null),
            Field(context?.SupplementalGroupsPolicy is not null, sc + ".supplementalGroupsPolicy", context?.SupplementalGroupsPolicy),
            Field(context?.SeLinuxChangePolicy is not null, sc + ".seLinuxChangePolicy", context?.SeLinuxChangePolicy),
        };
        foreach (var field in podFields.OfType<(string, string?)>())
        {
            yield return field;
        }

        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            if (container.SecurityContext is not { } own)
            {
                continue;
            }

            var csc = path + ".securityContext";
            var containerFields = new[]
            {
                Field(own.AppArmorProfile is not null, csc + ".appArmorProfile", null),
                Field(own.SeLinuxOptions is not null, csc + ".seLinuxOptions", null),
                Field(own.SeccompProfile is not null, csc + ".seccompProfile", own.SeccompProfile?.Type),
                Field(own.Capabilities is not null, csc + ".capabilities", null),
                Field(own.ReadOnlyRootFilesystem is not null, csc + ".readOnlyRootFilesystem", own.ReadOnlyRootFilesystem),
                Field(own.Privileged is not null, csc + ".privileged", own.Privileged),
                Field(own.AllowPrivilegeEscalation is not null, csc + ".allowPrivilegeEscalation", own.AllowPrivilegeEscalation),
                Field(own.ProcMount is not null, csc + ".procMount", own.ProcMount),
                Field(own.RunAsUser is not null, csc + ".runAsUser", own.RunAsUser),
                Field(own.RunAsGroup is not null, csc + ".runAsGroup", own.RunAsGroup),
            };
            foreach (var field in containerFields.OfType<(string, string?)>())
            {
                yield return field;
            }
        }
    }

    private static string Text(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}
