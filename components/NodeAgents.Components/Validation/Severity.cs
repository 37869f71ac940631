namespace NodeAgents.Validation;

/// <summary>How bad a <see cref="Finding"/> is. Errors block render and deploy; warnings are printed and do not block.</summary>
public enum Severity
{
    /// <summary>The API server would reject the object, or the rollout would break: nothing is written or deployed.</summary>
    Error,

    /// <summary>Accepted and deployable, but likely to surprise on some nodes; printed, never blocking.</summary>
    Warning,
}
