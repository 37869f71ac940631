using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// The sources of a pod's volumes (k8s.io/kubernetes pkg/apis/core/validation validateVolumeSource,
/// validateSecretVolumeSource, validateConfigMapVolumeSource, validateProjectionSources): exactly one source per volume
/// ("must specify a volume type" / "may not specify more than 1 volume type"); a secret volume names its Secret and a
/// configMap volume its ConfigMap; a projected service-account token has a path and an expiration of at least 10
/// minutes and at most 2^32 seconds; file modes are between 0 and 0777; an emptyDir sizeLimit is not negative.
/// </summary>
internal static class VolumeSourceRules
{
    public static readonly ValidationRule SourceCount = new("volume-source-count", Severity.Error, Sources.Core + "validateVolumeSource", "a volume has exactly one source (hostPath, configMap, secret, emptyDir, projected, …)");
    public static readonly ValidationRule ObjectName = new("volume-object-name-required", Severity.Error, Sources.Core + "validateSecretVolumeSource (secretName: Required), validateConfigMapVolumeSource (name: Required)", "a secret or configMap volume names its object");
    public static readonly ValidationRule Token = new("projected-token-invalid", Severity.Error, Sources.Core + "validateProjectionSources (serviceAccountToken: path required, expirationSeconds 600 to 2^32)", "a projected service-account token has a path and an expiration between 10 minutes and 2^32 seconds");
    public static readonly ValidationRule Mode = new("volume-file-mode-invalid", Severity.Error, Sources.Core + "validateSecretVolumeSource, validateConfigMapVolumeSource, validateProjectedVolumeSource (fileModeErrorMsg)", "file modes are between 0 and 0777 (511)");
    public static readonly ValidationRule SizeLimit = new("empty-dir-size-limit-negative", Severity.Error, Sources.Core + "validateVolumeSource (emptyDir.sizeLimit)", "an emptyDir sizeLimit is not negative");

    public static IReadOnlyList<ValidationRule> All { get; } = [SourceCount, ObjectName, Token, Mode, SizeLimit];

    private const long MinTokenSeconds = 10 * 60;
    private const long MaxTokenSeconds = 1L << 32;
    private const int MaxMode = 511;

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var volumes = pod.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var path = $"{podPath}.volumes[{i}]";
            var sources = SourcesOf(volume);
            if (sources.Count != 1)
            {
                sink.Add(SourceCount, path, volume.Name, sources.Count == 0
                    ? "must specify a volume type (hostPath, configMap, secret, emptyDir, projected, …)"
                    : $"may not specify more than 1 volume type (has {string.Join(", ", sources)})");
            }

            if (volume.Secret is { } secret)
            {
                Name(secret.SecretName, path + ".secret.secretName", "Secret", sink);
                Modes(secret.DefaultMode, secret.Items, path + ".secret", sink);
            }

            if (volume.ConfigMap is { } configMap)
            {
                Name(configMap.Name, path + ".configMap.name", "ConfigMap", sink);
                Modes(configMap.DefaultMode, configMap.Items, path + ".configMap", sink);
            }

            if (volume.EmptyDir?.SizeLimit is { } limit && limit.ToDecimal() < 0)
            {
                sink.Add(SizeLimit, path + ".emptyDir.sizeLimit", limit.ToString(), "SizeLimit field must be a valid resource quantity (not negative)");
            }

            if (volume.Projected is { } projected)
            {
                Modes(projected.DefaultMode, [], path + ".projected", sink);
                var projections = projected.Sources ?? [];
                for (var j = 0; j < projections.Count; j++)
                {
                    if (projections[j].ServiceAccountToken is { } token)
                    {
                        CheckToken(token, $"{path}.projected.sources[{j}].serviceAccountToken", sink);
                    }
                }
            }
        }
    }

    private static List<string> SourcesOf(V1Volume volume)
    {
        // Every source the client models has its own property; count the ones that are set.
        var set = new List<string>();
        void Add(object? source, string name)
        {
            if (source is not null)
            {
                set.Add(name);
            }
        }

        Add(volume.HostPath, "hostPath");
        Add(volume.EmptyDir, "emptyDir");
        Add(volume.ConfigMap, "configMap");
        Add(volume.Secret, "secret");
        Add(volume.Projected, "projected");
        Add(volume.DownwardAPI, "downwardAPI");
        Add(volume.PersistentVolumeClaim, "persistentVolumeClaim");
        Add(volume.Csi, "csi");
        Add(volume.Ephemeral, "ephemeral");
        Add(volume.Image, "image");
        Add(volume.Nfs, "nfs");
        Add(volume.Iscsi, "iscsi");
        Add(volume.GitRepo, "gitRepo");
        Add(volume.FlexVolume, "flexVolume");
        return set;
    }

    private static void Name(string? name, string path, string kind, FindingSink sink)
    {
        if (string.IsNullOrEmpty(name))
        {
            sink.Add(ObjectName, path, name, $"Required value: the name of the {kind} to mount");
        }
    }

    private static void Modes(int? defaultMode, IEnumerable<V1KeyToPath>? items, string path, FindingSink sink)
    {
        if (defaultMode is < 0 or > MaxMode)
        {
            sink.Add(Mode, path + ".defaultMode", defaultMode.ToString(), "must be a number between 0 and 0777 (octal), both inclusive");
        }

        var index = 0;
        foreach (var item in items ?? [])
        {
            if (item.Mode is < 0 or > MaxMode)
            {
                sink.Add(Mode, $"{path}.items[{index}].mode", item.Mode.ToString(), "must be a number between 0 and 0777 (octal), both inclusive");
            }

            index++;
        }
    }

    private static void CheckToken(V1ServiceAccountTokenProjection token, string path, FindingSink sink)
    {
        if (string.IsNullOrEmpty(token.Path))
        {
            sink.Add(Token, path + ".path", null, "Required value: the file name of the token in the volume");
        }

        if (token.ExpirationSeconds is < MinTokenSeconds)
        {
            sink.Add(Token, path + ".expirationSeconds", token.ExpirationSeconds.ToString(), "may not specify a duration less than 10 minutes");
        }
        else if (token.ExpirationSeconds is > MaxTokenSeconds)
        {
            sink.Add(Token, path + ".expirationSeconds", token.ExpirationSeconds.ToString(), "may not specify a duration larger than 2^32 seconds");
        }
    }
}
