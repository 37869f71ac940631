using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// A container's environment variables (k8s.io/kubernetes pkg/apis/core/validation ValidateEnv, validateEnvVarValueFrom,
/// validateObjectFieldSelector, validateContainerResourceFieldSelector, validateConfigMapKeySelector,
/// validateSecretKeySelector), plus the API server's duplicate-name warning (pkg/api/pod warnings).
/// </summary>
internal static class EnvRules
{
    private const string ValueFromFn = "validateEnvVarValueFrom";

    public static readonly ValidationRule Name = new("env-name-invalid", Severity.Error, Sources.Core + "ValidateEnv (IsEnvVarName)", "env var names are valid");
    public static readonly ValidationRule ValueAndValueFrom = new("env-value-and-value-from", Severity.Error, Sources.Core + ValueFromFn, "value and valueFrom are not both set");
    public static readonly ValidationRule SourceCount = new("env-value-from-sources", Severity.Error, Sources.Core + ValueFromFn, "valueFrom has exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef");
    public static readonly ValidationRule KeyRef = new("env-key-ref-invalid", Severity.Error, Sources.Core + "validateSecretKeySelector, validateConfigMapKeySelector (NameIsDNSSubdomain, IsConfigMapKey)", "secretKeyRef and configMapKeyRef name a DNS-1123 subdomain and a valid ConfigMap key");
    public static readonly ValidationRule FieldPath = new("env-field-path-unsupported", Severity.Error, Sources.Core + ValueFromFn + " (validateObjectFieldSelector, validEnvDownwardAPIFieldPathExpressions)", "fieldRef.fieldPath is a downward-API path supported for env");
    public static readonly ValidationRule ResourceField = new("env-resource-unsupported", Severity.Error, Sources.Core + ValueFromFn + " (validateContainerResourceFieldSelector)", "resourceFieldRef.resource is a limits/requests cpu, memory, ephemeral-storage or hugepages-<size>");
    public static readonly ValidationRule NameDuplicate = new("env-name-duplicate", Severity.Warning, "k8s.io/kubernetes pkg/api/pod warnings (an env var hides the previous definition of the same name)", "an env var name appears once per container, unless a later entry builds on $(NAME)");

    public static IReadOnlyList<ValidationRule> All { get; } = [Name, ValueAndValueFrom, SourceCount, KeyRef, FieldPath, ResourceField, NameDuplicate];

    /// <summary>The fieldPaths an env var may read without a subscript (validEnvDownwardAPIFieldPathExpressions).</summary>
    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    /// <summary>The resources an env var may read (validContainerResourceFieldPathExpressions); hugepages by prefix.</summary>
    private static readonly string[] EnvResources =
    [
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
    ];

    private static readonly string[] HugePagesPrefixes = ["limits.hugepages-", "requests.hugepages-"];

    public static void Check(V1Container container, string containerPath, FindingSink sink)
    {
        var env = container.Env ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < env.Count; i++)
        {
            var path = $"{containerPath}.env[{i}]";
            if (KubernetesNames.EnvVarName(env[i].Name) is { } error)
            {
                sink.Add(Name, path + ".name", env[i].Name, "env var name " + error);
            }
            else if (!seen.Add(env[i].Name) && HidesPrevious(env[i]))
            {
                sink.Add(NameDuplicate, path + ".name", env[i].Name,
                    $"env var '{env[i].Name}' hides its earlier definition in container '{container.Name}' (the last one wins and apply may drop one); keep a single entry, or build on the earlier one with $({env[i].Name})");
            }

            if (env[i].ValueFrom is { } source)
            {
                CheckValueFrom(env[i], source, path + ".valueFrom", sink);
            }
        }
    }

    /// <summary>
    /// Whether a repeated env var throws the earlier definition away (as pkg/api/pod warnings judges it): a valueFrom,
    /// a bare <c>$(NAME)</c>, or a value that does not build on <c>$(NAME)</c>. <c>PATH=$(PATH):/opt/bin</c> extends the earlier one.
    /// </summary>
    private static bool HidesPrevious(V1EnvVar repeated)
    {
        var reference = $"$({repeated.Name})";
        var value = repeated.Value ?? "";
        return repeated.ValueFrom is not null || value == reference || !value.Contains(reference, StringComparison.Ordinal);
    }

    private static void CheckValueFrom(V1EnvVar variable, V1EnvVarSource source, string path, FindingSink sink)
    {
        var sources = new List<string>();
        if (source.FieldRef is { } fieldRef)
        {
            sources.Add("fieldRef");
            CheckFieldRef(fieldRef, path + ".fieldRef", sink);
        }

        if (source.ResourceFieldRef is { } resourceRef)
        {
            sources.Add("resourceFieldRef");
            CheckResourceRef(resourceRef, path + ".resourceFieldRef", sink);
        }

        if (source.ConfigMapKeyRef is { } configMapRef)
        {
            sources.Add("configMapKeyRef");
            CheckKeyRef(configMapRef.Name, configMapRef.Key, "ConfigMap", path + ".configMapKeyRef", sink);
        }

        if (source.SecretKeyRef is { } secretRef)
        {
            sources.Add("secretKeyRef");
            CheckKeyRef(secretRef.Name, secretRef.Key, "Secret", path + ".secretKeyRef", sink);
        }

        if (sources.Count == 0)
        {
            sink.Add(SourceCount, path, null, "must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef; or remove valueFrom and give a value");
        }
        else if (!string.IsNullOrEmpty(variable.Value))
        {
            sink.Add(ValueAndValueFrom, path, variable.Value, $"env var '{variable.Name}' has both a value and valueFrom ({sources[0]}); keep one of them");
        }
        else if (sources.Count > 1)
        {
            sink.Add(SourceCount, path, string.Join(",", sources), $"may not have more than one source at a time ({string.Join(", ", sources)}); keep one");
        }
    }

    private static void CheckFieldRef(V1ObjectFieldSelector fieldRef, string path, FindingSink sink)
    {
        var fieldPath = fieldRef.FieldPath;
        if (string.IsNullOrEmpty(fieldPath))
        {
            sink.Add(FieldPath, path + ".fieldPath", null, "fieldPath is required, e.g. spec.nodeName or metadata.namespace");
            return;
        }

        if (DownwardSubscript(fieldPath) is var (field, key))
        {
            var keyError = field switch
            {
                "metadata.labels" => KubernetesNames.QualifiedName(key),
                "metadata.annotations" => KubernetesNames.QualifiedName(key.ToLowerInvariant()),
                _ => $"'{field}' does not support a subscript; only metadata.labels['<key>'] and metadata.annotations['<key>'] do",
            };
            if (keyError is not null)
            {
                sink.Add(FieldPath, path + ".fieldPath", fieldPath, field is "metadata.labels" or "metadata.annotations" ? $"key '{key}' {keyError}" : keyError);
            }
        }
        else if (!EnvFieldPaths.Contains(fieldPath, StringComparer.Ordinal))
        {
            sink.Add(FieldPath, path + ".fieldPath", fieldPath,
                $"not a downward-API field for env; supported: {string.Join(", ", EnvFieldPaths)}, metadata.labels['<key>'], metadata.annotations['<key>']");
        }
    }

    /// <summary>Splits <c>metadata.labels['key']</c> into its field and key; null when the path has no subscript.</summary>
    private static (string Field, string Key)? DownwardSubscript(string fieldPath)
    {
        var open = fieldPath.IndexOf("['", StringComparison.Ordinal);
        return open > 0 && fieldPath.EndsWith("']", StringComparison.Ordinal) && fieldPath.Length >= open + 4
            ? (fieldPath[..open], fieldPath[(open + 2)..^2])
            : null;
    }

    private static void CheckResourceRef(V1ResourceFieldSelector resourceRef, string path, FindingSink sink)
    {
        var resource = resourceRef.Resource;
        if (string.IsNullOrEmpty(resource))
        {
            sink.Add(ResourceField, path + ".resource", null, "resource is required, e.g. limits.memory");
        }
        else if (!EnvResources.Contains(resource, StringComparer.Ordinal) && !HugePagesPrefixes.Any(prefix => resource.StartsWith(prefix, StringComparison.Ordinal)))
        {
            sink.Add(ResourceField, path + ".resource", resource,
                $"supported values: {string.Join(", ", EnvResources)}, limits.hugepages-<size>, requests.hugepages-<size>");
        }
    }

    private static void CheckKeyRef(string? name, string? key, string kind, string path, FindingSink sink)
    {
        if (KubernetesNames.Dns1123Subdomain(name) is { } nameError)
        {
            sink.Add(KeyRef, path + ".name", name, $"the {kind} name {nameError}; name the {kind} that holds the key");
        }

        if (string.IsNullOrEmpty(key))
        {
            sink.Add(KeyRef, path + ".key", null, $"key is required: the key of the {kind} to read");
        }
        else if (KubernetesNames.ConfigMapKey(key) is { } keyError)
        {
            sink.Add(KeyRef, path + ".key", key, $"{kind} key {keyError}");
        }
    }
}
