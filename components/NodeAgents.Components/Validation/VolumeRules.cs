using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Validation;

/// <summary>
/// Volumes and volume mounts (k8s.io/kubernetes pkg/apis/core/validation ValidateVolumes, validateHostPathVolumeSource,
/// validateHostPathType, ValidateVolumeMounts, validateMountPropagation).
/// </summary>
internal static class VolumeRules
{
    public static readonly ValidationRule VolumeName = new("volume-name-invalid", Severity.Error, Sources.Core + "ValidateVolumes (IsDNS1123Label)", "volume names are RFC 1123 labels");
    public static readonly ValidationRule VolumeDuplicate = new("volume-name-duplicate", Severity.Error, Sources.Core + "ValidateVolumes", "volume names are unique in the pod");
    public static readonly ValidationRule HostPathAbsolute = new("host-path-not-absolute", Severity.Error, Sources.Core + "validateHostPathVolumeSource (validatePathNoBacksteps); kubernetes.io/docs/concepts/storage/volumes#hostpath", "a hostPath is an absolute path without '..' (on a pod for Windows nodes, also a drive path such as C:\\var\\log)");
    public static readonly ValidationRule HostPathType = new("host-path-type-invalid", Severity.Error, Sources.Core + "validateHostPathType", "hostPath.type is one of the eight HostPathType values");
    public static readonly ValidationRule MountVolume = new("mount-volume-not-found", Severity.Error, Sources.Core + "ValidateVolumeMounts", "every volumeMount names a volume of the pod");
    public static readonly ValidationRule MountPathDuplicate = new("mount-path-duplicate", Severity.Error, Sources.Core + "ValidateVolumeMounts", "mount paths are unique in a container");
    public static readonly ValidationRule MountPathInvalid = new("mount-path-invalid", Severity.Error, Sources.Core + "ValidateVolumeMounts", "a mountPath is given and a subPath is relative without '..'");
    public static readonly ValidationRule Propagation = new("mount-propagation-invalid", Severity.Error, Sources.Core + "validateMountPropagation", "mountPropagation is None, HostToContainer or Bidirectional");
    public static readonly ValidationRule Bidirectional = new("mount-bidirectional-unprivileged", Severity.Error, Sources.Core + "validateMountPropagation", "Bidirectional propagation only in privileged containers");

    public static IReadOnlyList<ValidationRule> All { get; } =
        [VolumeName, VolumeDuplicate, HostPathAbsolute, HostPathType, MountVolume, MountPathDuplicate, MountPathInvalid, Propagation, Bidirectional];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var volumes = pod.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var path = $"{podPath}.volumes[{i}]";
            if (KubernetesNames.Dns1123Label(volume.Name) is { } nameError)
            {
                sink.Add(VolumeName, path + ".name", volume.Name, "volume name " + nameError);
            }
            else if (!names.Add(volume.Name))
            {
                sink.Add(VolumeDuplicate, path + ".name", volume.Name, $"volume name '{volume.Name}' is used twice in the pod");
            }

            if (volume.HostPath is { } hostPath)
            {
                CheckHostPath(hostPath, path + ".hostPath", PodOs.TargetsWindows(pod), sink);
            }
        }

        foreach (var (container, containerPath) in PodContainers.All(pod, podPath))
        {
            CheckMounts(container, containerPath, names, sink);
        }
    }

    private static void CheckHostPath(V1HostPathVolumeSource hostPath, string path, bool windows, FindingSink sink)
    {
        var text = hostPath.Path ?? "";
        if (!PodOs.IsAbsoluteNodePath(text, windows) || PodOs.PathElements(text, windows).Contains(".."))
        {
            sink.Add(HostPathAbsolute, path + ".path", text, windows
                ? "a hostPath must be an absolute path on the node without '..' elements, e.g. C:\\var\\log on a Windows pod"
                : "a hostPath must be an absolute path on the node without '..' elements, e.g. /var/log");
        }

        if (hostPath.Type is { } type && !HostPathTypes.All.Contains(type))
        {
            sink.Add(HostPathType, path + ".type", type, "supported values: \"\" (no check), " + string.Join(", ", HostPathTypes.All.Skip(1).Select(value => $"\"{value}\"")));
        }
    }

    private static void CheckMounts(V1Container container, string containerPath, IReadOnlySet<string> volumeNames, FindingSink sink)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var mounts = container.VolumeMounts ?? [];
        var privileged = container.SecurityContext?.Privileged == true;
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var path = $"{containerPath}.volumeMounts[{i}]";
            if (!volumeNames.Contains(mount.Name ?? ""))
            {
                sink.Add(MountVolume, path + ".name", mount.Name, $"no volume named '{mount.Name}' in the pod; add the volume or fix the name");
            }

            if (string.IsNullOrEmpty(mount.MountPath))
            {
                sink.Add(MountPathInvalid, path + ".mountPath", mount.MountPath, "a mountPath is required");
            }
            else if (!paths.Add(mount.MountPath))
            {
                sink.Add(MountPathDuplicate, path + ".mountPath", mount.MountPath, $"mountPath '{mount.MountPath}' must be unique in container '{container.Name}'");
            }

            if (mount.SubPath is { Length: > 0 } subPath && (subPath.StartsWith('/') || subPath.Split('/').Contains("..")))
            {
                sink.Add(MountPathInvalid, path + ".subPath", subPath, "subPath must be a relative path without '..' elements");
            }

            switch (mount.MountPropagation)
            {
                case null or "None" or "HostToContainer":
                    break;
                case "Bidirectional":
                    if (!privileged)
                    {
                        sink.Add(Bidirectional, path + ".mountPropagation", "Bidirectional", "Bidirectional mount propagation is available only to privileged containers; use HostToContainer, or run the container privileged");
                    }

                    break;
                default:
                    sink.Add(Propagation, path + ".mountPropagation", mount.MountPropagation, "supported values: \"None\", \"HostToContainer\", \"Bidirectional\"");
                    break;
            }
        }
    }
}
