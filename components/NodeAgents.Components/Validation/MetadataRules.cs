using System.Text;
using k8s;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Names, labels and annotations of every object (k8s.io/apimachinery pkg/api/validation ValidateObjectMeta,
/// pkg/apis/meta/v1/validation ValidateLabels, ValidateAnnotations).
/// </summary>
internal static class MetadataRules
{
    /// <summary>The limit on the total size of an object's annotations (keys plus values): 256 KiB (TotalAnnotationSizeLimitB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    public static readonly ValidationRule ObjectName = new("object-name-invalid", Severity.Error, Sources.Meta + "ValidateObjectMeta (NameIsDNSSubdomain; Namespace: NameIsDNSLabel; Service: NameIsDNS1035Label; RBAC: ValidatePathSegmentName)", "metadata.name has the format its kind requires");
    public static readonly ValidationRule ObjectNamespace = new("object-namespace-invalid", Severity.Error, Sources.Meta + "ValidateObjectMeta (ValidateNamespaceName)", "metadata.namespace is an RFC 1123 label");
    public static readonly ValidationRule LabelKey = new("label-key-invalid", Severity.Error, Sources.MetaV1 + "ValidateLabels (IsQualifiedName)", "label keys are qualified names");
    public static readonly ValidationRule LabelValue = new("label-value-invalid", Severity.Error, Sources.MetaV1 + "ValidateLabels (IsValidLabelValue)", "label values are at most 63 characters of [A-Za-z0-9-_.]");
    public static readonly ValidationRule AnnotationKey = new("annotation-key-invalid", Severity.Error, Sources.Meta + "ValidateAnnotations (IsQualifiedName of the lower-cased key)", "annotation keys are qualified names");
    public static readonly ValidationRule AnnotationSize = new("annotations-too-large", Severity.Error, Sources.Meta + "ValidateAnnotationsSize (TotalAnnotationSizeLimitB = 256 KiB)", "keys plus values of all annotations are at most 256 KiB");
    public static readonly ValidationRule DuplicateObject = new("object-duplicate", Severity.Error, "k8s.io/apiserver pkg/registry/generic/registry Store.Create (AlreadyExists: kind, namespace and name identify an object)", "no two objects share kind, namespace and name");

    public static IReadOnlyList<ValidationRule> All { get; } = [ObjectName, ObjectNamespace, LabelKey, LabelValue, AnnotationKey, AnnotationSize, DuplicateObject];

    public static void Check(IKubernetesObject<V1ObjectMeta> obj, FindingSink sink)
    {
        var metadata = obj.Metadata ?? new V1ObjectMeta();
        var nameError = obj.Kind switch
        {
            "Namespace" => KubernetesNames.Dns1123Label(metadata.Name),
            "Service" => KubernetesNames.Dns1035Label(metadata.Name),
            "ClusterRole" or "ClusterRoleBinding" or "Role" or "RoleBinding" => KubernetesNames.PathSegmentName(metadata.Name),
            _ => KubernetesNames.Dns1123Subdomain(metadata.Name),
        };
        if (nameError is not null)
        {
            sink.Add(ObjectName, "metadata.name", metadata.Name, $"{obj.Kind} name {nameError}");
        }

        if (metadata.NamespaceProperty is { } ns && KubernetesNames.Dns1123Label(ns) is { } nsError)
        {
            sink.Add(ObjectNamespace, "metadata.namespace", ns, "namespace " + nsError);
        }

        CheckLabels(metadata.Labels, "metadata.labels", sink);
        CheckAnnotations(metadata.Annotations, "metadata.annotations", sink);
    }

    public static void CheckLabels(IDictionary<string, string>? labels, string path, FindingSink sink)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (KubernetesNames.QualifiedName(key) is { } keyError)
            {
                sink.Add(LabelKey, $"{path}[{key}]", key, "label key " + keyError);
            }

            if (KubernetesNames.LabelValue(value) is { } valueError)
            {
                sink.Add(LabelValue, $"{path}[{key}]", value, "label value " + valueError);
            }
        }
    }

    public static void CheckAnnotations(IDictionary<string, string>? annotations, string path, FindingSink sink)
    {
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            if (KubernetesNames.QualifiedName(key.ToLowerInvariant()) is { } keyError)
            {
                sink.Add(AnnotationKey, $"{path}[{key}]", key, "annotation key " + keyError);
            }

            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }

        if (total > TotalAnnotationSizeLimitBytes)
        {
            sink.Add(AnnotationSize, path, $"{total} bytes", $"annotations total {total} bytes; the limit is {TotalAnnotationSizeLimitBytes} bytes (256 KiB); move large data into a ConfigMap");
        }
    }
}
