using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace NodeAgents.Presets.Custom;

/// <summary>
/// The fields of containers, volumes and mounts that a custom agent may set: the ones every path of the tool carries
/// (render, validate, plan and the Pulumi mapping), so an agent never deploys differently from what was rendered. A
/// field outside these lists is refused when the config is bound, instead of being dropped later.
/// </summary>
public static class SupportedFields
{
    /// <summary>Container fields (JSON names).</summary>
    public static IReadOnlyList<string> Container { get; } =
        ["name", "image", "imagePullPolicy", "command", "args", "workingDir", "env", "ports", "resources", "livenessProbe", "readinessProbe", "startupProbe", "securityContext", "volumeMounts", "restartPolicy"];

    /// <summary>Volume fields: the name and the five sources the tool carries.</summary>
    public static IReadOnlyList<string> Volume { get; } = ["name", "hostPath", "configMap", "secret", "emptyDir", "projected"];

    /// <summary>Volume mount fields.</summary>
    public static IReadOnlyList<string> VolumeMount { get; } = ["name", "mountPath", "subPath", "readOnly", "mountPropagation"];

    /// <summary>Adds a problem for every field set outside the lists, at <paramref name="path"/>.</summary>
    public static void Check(List<OptionProblem> problems, string path, IReadOnlyList<V1Container>? containers)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            Keys(problems, $"{path}[{i}]", containers![i], Container, "container");
            Check(problems, $"{path}[{i}].volumeMounts", containers[i].VolumeMounts?.ToList());
        }
    }

    /// <summary>Adds a problem for every volume field outside <see cref="Volume"/>.</summary>
    public static void Check(List<OptionProblem> problems, string path, IReadOnlyList<V1Volume>? volumes)
    {
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            Keys(problems, $"{path}[{i}]", volumes![i], Volume, "volume");
        }
    }

    /// <summary>Adds a problem for every volume mount field outside <see cref="VolumeMount"/>.</summary>
    public static void Check(List<OptionProblem> problems, string path, IReadOnlyList<V1VolumeMount>? mounts)
    {
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            Keys(problems, $"{path}[{i}]", mounts![i], VolumeMount, "volume mount");
        }
    }

    private static void Keys<T>(List<OptionProblem> problems, string path, T value, IReadOnlyList<string> supported, string what)
    {
        if (JsonNode.Parse(KubernetesJson.Serialize(value)) is not JsonObject json)
        {
            return;
        }

        foreach (var (key, _) in json.Where(pair => pair.Value is not null && !supported.Contains(pair.Key)))
        {
            problems.Add(new OptionProblem($"{path}.{key}", $"not supported in a {what} of a node agent (supported: {string.Join(", ", supported)})"));
        }
    }
}
