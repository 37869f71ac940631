using System.Globalization;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// The pod's securityContext (k8s.io/kubernetes pkg/apis/core/validation ValidatePodSecurityContext,
/// validateFSGroupChangePolicy; k8s.io/apimachinery pkg/util/validation IsValidUserID, IsValidGroupID): user and group
/// ids (runAsUser, runAsGroup, fsGroup, supplementalGroups) between 0 and 2147483647; fsGroupChangePolicy is
/// <c>OnRootMismatch</c> or <c>Always</c>.
/// </summary>
internal static class PodSecurityContextRules
{
    public static readonly ValidationRule Id = new("pod-security-context-id-range", Severity.Error, Sources.Core + "ValidatePodSecurityContext (IsValidUserID, IsValidGroupID)", "user and group ids are between 0 and 2147483647");
    public static readonly ValidationRule FsGroupChangePolicy = new("fs-group-change-policy-invalid", Severity.Error, Sources.Core + "validateFSGroupChangePolicy", "fsGroupChangePolicy is OnRootMismatch or Always");

    public static IReadOnlyList<ValidationRule> All { get; } = [Id, FsGroupChangePolicy];

    private const long MaxId = int.MaxValue;

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        if (pod.SecurityContext is not { } context)
        {
            return;
        }

        var path = podPath + ".securityContext";
        var ids = new List<(string Field, long? Value)> { ("runAsUser", context.RunAsUser), ("runAsGroup", context.RunAsGroup), ("fsGroup", context.FsGroup) };
        ids.AddRange((context.SupplementalGroups ?? []).Select((group, index) => ($"supplementalGroups[{index}]", group)));
        foreach (var (field, value) in ids)
        {
            if (value is < 0 or > MaxId)
            {
                sink.Add(Id, $"{path}.{field}", value.Value.ToString(CultureInfo.InvariantCulture), "must be between 0 and 2147483647, inclusive");
            }
        }

        if (context.FsGroupChangePolicy is { } policy && policy is not ("OnRootMismatch" or "Always"))
        {
            sink.Add(FsGroupChangePolicy, path + ".fsGroupChangePolicy", policy, "supported values: \"OnRootMismatch\", \"Always\"");
        }
    }
}
