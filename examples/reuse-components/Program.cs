using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using Pulumi;

return await Deployment.RunAsync(() =>
{
    var logs = new LoggingAgent("team-a-logs", new LoggingAgentArgs
    {
        OwnsNamespace = true,
        PartOf = "team-a",
        Options = new LoggingAgentOptions
        {
            Namespace = "team-a-agents",
            Output = new LogOutput { Type = "forward", Host = "fluentd.team-a.svc", SharedKey = "generate" },
        },
    });
    return new Dictionary<string, object?> { ["daemonSet"] = logs.DaemonSetName };
});
