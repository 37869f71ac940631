namespace NodeAgents.Building;

/// <summary>
/// The three Pod Security Standards profiles, from most to least restrictive
/// (kubernetes.io/docs/concepts/security/pod-security-standards). The value is the label value of
/// <c>pod-security.kubernetes.io/enforce</c> in lower case.
/// </summary>
public enum PodSecurityLevel
{
    /// <summary>Heavily restricted, current pod hardening best practices.</summary>
    Restricted,

    /// <summary>Prevents known privilege escalations; allows the default pod configuration.</summary>
    Baseline,

    /// <summary>Unrestricted.</summary>
    Privileged,
}
