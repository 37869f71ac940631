namespace NodeAgents.Model;

/// <summary>
/// What a node agent does on each node. The role is written to the
/// <c>app.kubernetes.io/component</c> label and drives coverage policies.
/// </summary>
public enum AgentRole
{
    /// <summary>Ships container and node logs (e.g. Fluent Bit).</summary>
    Logging,

    /// <summary>Exposes node metrics (e.g. Prometheus node-exporter).</summary>
    Monitoring,

    /// <summary>Node-level networking such as a node-local DNS cache.</summary>
    Network,

    /// <summary>Runtime security monitoring (e.g. Falco).</summary>
    Security,
}
