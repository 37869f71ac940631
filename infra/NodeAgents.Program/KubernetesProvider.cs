using Pulumi;
using Pulumi.Kubernetes;

namespace NodeAgents.Program;

/// <summary>
/// The explicit Kubernetes provider every resource of the stack uses, configured from the <c>kubernetes:</c> config
/// namespace (the provider's own keys; an explicit provider reads no config by itself, so the program passes them on):
/// <list type="bullet">
/// <item><c>kubernetes:context</c>, <c>kubernetes:cluster</c>: the kubeconfig context and cluster;</item>
/// <item><c>kubernetes:kubeconfig</c>: a kubeconfig path or its contents, read as a secret (default: the usual lookup);</item>
/// <item><c>kubernetes:renderYamlToDirectory</c>: write manifests to that folder instead of applying them (GitOps mode);</item>
/// <item><c>kubernetes:upsertExistingObjects</c> (<c>true</c>/<c>false</c>, default false): adopt objects that already exist
/// in the cluster instead of failing the first create with "already exists".</item>
/// </list>
/// <para>
/// In GitOps mode the provider gets no <c>context</c>, <c>cluster</c> or <c>kubeconfig</c>: the provider's Check rejects
/// each of them next to <c>renderYamlToDirectory</c> (<c>"context" arg is not compatible with "renderYamlToDirectory"
/// arg</c>, pulumi-kubernetes v4.32.0 <c>provider/pkg/provider/provider.go</c>, <c>CheckConfig</c>; only a kubeconfig
/// equal to <c>$KUBECONFIG</c> passes, and omitting it loads the same ambient kubeconfig). The program omits them and says
/// so in the Pulumi log, so one stack file can keep its <c>kubernetes:context</c>.
/// </para>
/// </summary>
public static class KubernetesProvider
{
    /// <summary>The provider's Pulumi name.</summary>
    public const string Name = "kubernetes";

    /// <summary>The keys the provider's Check rejects next to <c>renderYamlToDirectory</c> (provider.go, CheckConfig).</summary>
    public static IReadOnlyList<string> ClusterKeys { get; } = ["cluster", "context", "kubeconfig"];

    /// <summary>Creates the provider from the stack config.</summary>
    /// <exception cref="RunException"><c>kubernetes:upsertExistingObjects</c> is set to something other than true or false.</exception>
    public static Provider Create()
    {
        var config = new global::Pulumi.Config("kubernetes");
        var args = new ProviderArgs();
        var directory = config.Get("renderYamlToDirectory");
        if (directory is not null)
        {
            args.RenderYamlToDirectory = directory;
            // The kubeconfig is read as a secret, so that reading it does not warn about a secret read as plain text.
            var omitted = ClusterKeys.Where(key => key == "kubeconfig" ? config.GetSecret(key) is not null : config.Get(key) is not null).Select(key => "kubernetes:" + key).ToList();
            if (omitted.Count > 0)
            {
                Log.Info($"GitOps mode (kubernetes:renderYamlToDirectory = {directory}): {string.Join(", ", omitted)} not passed to the provider, which rejects them in this mode; the manifests are written to the folder and no cluster is contacted.");
            }
        }
        else
        {
            if (config.Get("context") is { } context)
            {
                args.Context = context;
            }

            if (config.Get("cluster") is { } cluster)
            {
                args.Cluster = cluster;
            }

            if (config.GetSecret("kubeconfig") is { } kubeconfig)
            {
                args.KubeConfig = kubeconfig;
            }
        }

        if (config.Get("upsertExistingObjects") is { } upsert)
        {
            // The provider itself compares the value with "true" (provider.go, Configure: upsertExistingObjects).
            args.UpsertExistingObjects = upsert switch
            {
                "true" => true,
                "false" => false,
                _ => throw new RunException($"kubernetes:upsertExistingObjects: expected true or false, got '{upsert}'"),
            };
        }

        return new Provider(Name, args);
    }
}
