namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>Pulumi's Deployment is process-global: every test that runs a deployment is in this one serial collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PulumiCollection
{
    public const string Name = "pulumi";
}
