using k8s.Models;

namespace NodeAgents.Model;

/// <summary>
/// Secure starting points, following the "restricted" profile of the Kubernetes Pod Security Standards
/// (kubernetes.io/docs/concepts/security/pod-security-standards). Each call returns a new object.
/// </summary>
public static class SecureDefaults
{
    /// <summary>
    /// <c>allowPrivilegeEscalation: false</c>, <c>readOnlyRootFilesystem: true</c>, <c>capabilities.drop: [ALL]</c>,
    /// <c>seccompProfile.type: RuntimeDefault</c>.
    /// </summary>
    public static V1SecurityContext ContainerSecurityContext() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
