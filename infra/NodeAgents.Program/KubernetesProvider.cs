using Pulumi;
using Pulumi.Kubernetes;

namespace NodeAgents.Program;

/// <summary>
/// The explicit Kubernetes provider every resource of the stack uses, configured from the <c>kubernetes:</c> config
/// namespace (the provider's own keys): <c>kubernetes:context</c> (the kubeconfig context, e.g. <c>dev</c>),
/// <c>kubernetes:kubeconfig</c> (a kubeconfig path or its contents, read as a secret; default: the usual kubeconfig lookup)
/// and <c>kubernetes:renderYamlToDirectory</c> (write manifests to that folder instead of applying them: the GitOps mode).
/// </summary>
public static class KubernetesProvider
{
    /// <summary>The provider's Pulumi name.</summary>
    public const string Name = "kubernetes";

    /// <summary>Creates the provider from the stack config.</summary>
    public static Provider Create()
    {
        var config = new global::Pulumi.Config("kubernetes");
        var args = new ProviderArgs();
        if (config.Get("context") is { } context)
        {
            args.Context = context;
        }

        if (config.GetSecret("kubeconfig") is { } kubeconfig)
        {
            args.KubeConfig = kubeconfig;
        }

        if (config.Get("renderYamlToDirectory") is { } directory)
        {
            args.RenderYamlToDirectory = directory;
        }

        return new Provider(Name, args);
    }
}
