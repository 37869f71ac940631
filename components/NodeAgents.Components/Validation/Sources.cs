namespace NodeAgents.Validation;

/// <summary>Prefixes of the <see cref="ValidationRule.Source"/> texts: the packages the rules follow.</summary>
internal static class Sources
{
    public const string Apps = "k8s.io/kubernetes pkg/apis/apps/validation ";
    public const string Core = "k8s.io/kubernetes pkg/apis/core/validation ";
    public const string Meta = "k8s.io/apimachinery pkg/api/validation ";
    public const string MetaV1 = "k8s.io/apimachinery pkg/apis/meta/v1/validation ";
    public const string Util = "k8s.io/apimachinery pkg/util/validation ";
    public const string DaemonController = "k8s.io/kubernetes pkg/controller/daemon ";
}
