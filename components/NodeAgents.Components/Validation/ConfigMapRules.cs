using System.Text;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>ConfigMap keys and size (k8s.io/kubernetes pkg/apis/core/validation ValidateConfigMap).</summary>
internal static class ConfigMapRules
{
    /// <summary>The most data a ConfigMap holds: 1 MiB of values (MaxSecretSize, also used for ConfigMaps).</summary>
    public const int MaxDataBytes = 1024 * 1024;

    public static readonly ValidationRule Key = new("configmap-key-invalid", Severity.Error, Sources.Core + "ValidateConfigMap (IsConfigMapKey)", "ConfigMap keys are [-._a-zA-Z0-9]+, at most 253 characters, not '.' or '..'");
    public static readonly ValidationRule KeyDuplicate = new("configmap-key-duplicate", Severity.Error, Sources.Core + "ValidateConfigMap", "a key is not in both data and binaryData");
    public static readonly ValidationRule TooLarge = new("configmap-too-large", Severity.Error, Sources.Core + "ValidateConfigMap (MaxSecretSize = 1 MiB)", "the values of a ConfigMap total at most 1 MiB");

    public static IReadOnlyList<ValidationRule> All { get; } = [Key, KeyDuplicate, TooLarge];

    public static void Check(V1ConfigMap configMap, FindingSink sink)
    {
        long total = 0;
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
        {
            if (KubernetesNames.ConfigMapKey(key) is { } error)
            {
                sink.Add(Key, $"data[{key}]", key, "ConfigMap key " + error);
            }

            total += Encoding.UTF8.GetByteCount(value ?? "");
        }

        foreach (var (key, value) in configMap.BinaryData ?? new Dictionary<string, byte[]>())
        {
            if (KubernetesNames.ConfigMapKey(key) is { } error)
            {
                sink.Add(Key, $"binaryData[{key}]", key, "ConfigMap key " + error);
            }

            if (configMap.Data?.ContainsKey(key) == true)
            {
                sink.Add(KeyDuplicate, $"binaryData[{key}]", key, $"key '{key}' is in both data and binaryData");
            }

            total += value?.Length ?? 0;
        }

        if (total > MaxDataBytes)
        {
            sink.Add(TooLarge, "data", $"{total} bytes", $"the ConfigMap holds {total} bytes; the limit is {MaxDataBytes} bytes (1 MiB); split the files or ship them in the image");
        }
    }
}
