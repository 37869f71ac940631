using System.Collections.Immutable;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Pulumi.Mapping;
using NodeAgents.Pulumi.Secrets;
using NodeAgents.Pulumi.Validation;
using Pulumi;
using Apps = Pulumi.Kubernetes.Apps.V1;
using Core = Pulumi.Kubernetes.Core.V1;
using Rbac = Pulumi.Kubernetes.Rbac.V1;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// One node agent as a Pulumi component (<c>nodeagents:index:NodeAgent</c>): the objects the core's
/// <see cref="NodeAgentBuilder"/> builds from a <see cref="NodeAgentSpec"/>, registered as typed Pulumi.Kubernetes
/// resources parented to the component: ServiceAccount, ClusterRole and ClusterRoleBinding (with RBAC rules),
/// ConfigMap (with config files), Secret (with secret env vars; its values supplied here as Pulumi secrets), one
/// Service per <see cref="NodeAgentSpec.Services"/> entry (child <c>&lt;name&gt;-service-&lt;service name&gt;</c>), the
/// DaemonSet, and the Namespace when <see cref="NodeAgentArgs.OwnsNamespace"/> is set and the agent's namespace is not
/// one of <see cref="ManifestSet.SystemNamespaces"/> (those exist in every cluster and are never created).
/// <para>
/// Every object has a fixed name, so every child except the Namespace is replaced delete-before-replace: a change
/// Kubernetes cannot apply in place (a DaemonSet's <c>spec.selector</c>, a binding's <c>roleRef</c>, a ConfigMap's or
/// Secret's data, which the Kubernetes provider replaces by default) deletes the old object before creating the new one
/// instead of failing on "already exists". A new <c>spec.selector</c> (immutable in apps/v1) needs no
/// <c>replaceOnChanges</c>: the provider's diff replaces the DaemonSet by itself (pulumi-kubernetes
/// <c>provider/pkg/provider/diff.go</c>). The DaemonSet depends on the other children, and waits for its rollout up to
/// <see cref="NodeAgentSpec.RolloutTimeout"/> (custom timeouts) when set; an OnDelete DaemonSet carries
/// <c>pulumi.com/skipAwait</c> from the core builder and is not awaited.
/// </para>
/// The provider comes from <c>ComponentResourceOptions.Provider</c> (children inherit it); the component's
/// <c>DependsOn</c> (e.g. a Namespace created once for several agents) is passed on to every child.
/// </summary>
public class NodeAgent : ComponentResource
{
    private readonly InputList<Resource>? componentDependsOn;

    /// <summary>Creates the agent from a spec.</summary>
    /// <param name="name">The component's Pulumi name; children are named <c>&lt;name&gt;-&lt;kind&gt;</c>.</param>
    /// <param name="args">The spec and whether the component owns its namespace.</param>
    /// <param name="options">Component options, e.g. the Kubernetes provider.</param>
    /// <exception cref="RunException">The spec is invalid; nothing is registered and the run fails with every problem.</exception>
    public NodeAgent(string name, NodeAgentArgs args, ComponentResourceOptions? options = null)
        : this("nodeagents:index:NodeAgent", name, Prepare("nodeagents:index:NodeAgent", name, args.Spec, args.OwnsNamespace, args.SecretData, options), options)
    {
    }

    /// <summary>Used by the typed agents: validates before the base constructor registers the component.</summary>
    private protected NodeAgent(string type, string name, PreparedAgent prepared, ComponentResourceOptions? options)
        : base(type, name, options)
    {
        componentDependsOn = options?.DependsOn;
        var objects = prepared.Manifests.Agents[0].Objects;
        var namespaceResource = prepared.OwnsNamespace && prepared.Manifests.Namespaces.Count > 0
            ? new Core.Namespace($"{name}-namespace", CoreV1.Namespace(prepared.Manifests.Namespaces[0]), new CustomResourceOptions { Parent = this, DependsOn = componentDependsOn ?? new InputList<Resource>() })
            : null;
        Resource[] first = namespaceResource is null ? [] : [namespaceResource];

        var children = new List<Resource>
        {
            new Core.ServiceAccount($"{name}-serviceaccount", CoreV1.ServiceAccount(objects.ServiceAccount), Child(first)),
        };
        if (objects.ClusterRole is not null && objects.ClusterRoleBinding is not null)
        {
            var role = new Rbac.ClusterRole($"{name}-clusterrole", RbacV1.ClusterRole(objects.ClusterRole), Child([]));
            children.Add(role);
            children.Add(new Rbac.ClusterRoleBinding($"{name}-clusterrolebinding", RbacV1.ClusterRoleBinding(objects.ClusterRoleBinding), Child([role, .. children])));
        }

        Core.ConfigMap? configMap = null;
        if (objects.ConfigMap is not null)
        {
            configMap = new Core.ConfigMap($"{name}-configmap", CoreV1.ConfigMap(objects.ConfigMap), Child(first));
            children.Add(configMap);
        }

        Output<string>? secretVersion = null;
        if (objects.Secret is not null)
        {
            var secretArgs = CoreV1.Secret(objects.Secret);
            SecretData = SecretValues.For(name, prepared.Spec.SecretEnv, prepared.SecretData, this);
            var values = SecretValues.ToInputMap(SecretData);
            secretArgs.StringData = values;
            children.Add(new Core.Secret($"{name}-secret", secretArgs, Child(first)));
            secretVersion = SecretVersion.Of(name, values, this);
        }

        foreach (var service in objects.Services)
        {
            children.Add(new Core.Service($"{name}-service-{service.Metadata.Name}", CoreV1.Service(service), Child(first)));
        }

        // No replaceOnChanges is needed for spec.selector: the provider's diff already replaces a DaemonSet whose selector
        // changes (pulumi-kubernetes v4.32.0 provider/pkg/provider/diff.go, forceNew: apps/v1 DaemonSet .spec.selector),
        // and DeleteBeforeReplace (Child) frees the fixed name first.
        var daemonSetOptions = Child([.. first, .. children]);
        if (prepared.Spec.RolloutTimeout is { } timeout)
        {
            // The provider waits for the rollout up to the resource's timeout (provider/pkg/await/daemonset.go: the
            // request's timeout, else 10 minutes); create and update are the operations that roll pods.
            daemonSetOptions.CustomTimeouts = new CustomTimeouts { Create = timeout, Update = timeout };
        }

        var daemonSet = new Apps.DaemonSet($"{name}-daemonset", AppsV1.DaemonSet(objects.DaemonSet, secretVersion is null ? null : new() { [SecretVersion.Annotation] = secretVersion }), daemonSetOptions);

        DaemonSetName = daemonSet.Metadata.Apply(metadata => metadata.Name);
        Namespace = daemonSet.Metadata.Apply(metadata => metadata.Namespace);
        string? noConfigMap = null;
        ConfigMapName = configMap is null ? Output.Create(noConfigMap) : configMap.Metadata.Apply(metadata => (string?)metadata.Name);
        SelectorLabels = daemonSet.Spec.Apply(spec => spec.Selector.MatchLabels);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["daemonSetName"] = DaemonSetName,
            ["namespace"] = Namespace,
            ["configMapName"] = ConfigMapName,
            ["selectorLabels"] = SelectorLabels,
        });
    }

    /// <summary>
    /// The values of the agent's Secret by key (e.g. <c>shared-key</c>), each a Pulumi secret: generated, read from config
    /// or supplied through <see cref="NodeAgentArgs.SecretData"/>; empty when the agent has no Secret. Not a registered
    /// output of the component; pass it to another agent's <see cref="NodeAgentArgs.SecretData"/> to share a value.
    /// </summary>
    public IReadOnlyDictionary<string, Output<string>> SecretData { get; } = NodeAgentArgs.NoSecretData;

    /// <summary>The DaemonSet's <c>metadata.name</c>.</summary>
    [Output("daemonSetName")]
    public Output<string> DaemonSetName { get; private set; }

    /// <summary>The namespace of the DaemonSet and the agent's other namespaced objects.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; }

    /// <summary>The ConfigMap's name (<c>&lt;agent&gt;-config</c>); null when the agent has no config files.</summary>
    [Output("configMapName")]
    public Output<string?> ConfigMapName { get; private set; }

    /// <summary>The DaemonSet's selector labels (<c>app.kubernetes.io/name</c> and <c>app.kubernetes.io/instance</c>).</summary>
    [Output("selectorLabels")]
    public Output<ImmutableDictionary<string, string>> SelectorLabels { get; private set; }

    /// <summary>Builds and validates the agent's objects; runs before anything is registered.</summary>
    /// <exception cref="RunException">The spec is invalid, a supplied Secret key is not the agent's, or another component of the run already creates one of its objects.</exception>
    private protected static PreparedAgent Prepare(string type, string name, NodeAgentSpec spec, bool ownsNamespace, IReadOnlyDictionary<string, Output<string>> secretData, ComponentResourceOptions? options)
    {
        var manifests = ManifestSet.Build([spec], spec.PartOf);
        AgentValidation.ThrowIfInvalid(type, name, spec, manifests);
        AgentValidation.ThrowIfUnknownSecretKeys(type, name, spec, secretData.Keys);
        // The Namespace is only this component's object when it owns it (NodeAgentArgs.OwnsNamespace).
        ObjectClaims.Claim(type, name, ownsNamespace ? manifests.Objects : manifests.Agents[0].Objects.All, options);
        return new PreparedAgent(spec, manifests, ownsNamespace, secretData);
    }

    private CustomResourceOptions Child(Resource[] dependsOn)
    {
        var all = new InputList<Resource>();
        if (componentDependsOn is not null)
        {
            all.AddRange(componentDependsOn);
        }

        all.Add(dependsOn.Select(resource => (Input<Resource>)resource).ToArray());
        return new CustomResourceOptions { Parent = this, DeleteBeforeReplace = true, DependsOn = all };
    }

    /// <summary>A validated spec with its objects.</summary>
    private protected sealed record PreparedAgent(NodeAgentSpec Spec, ManifestSet Manifests, bool OwnsNamespace, IReadOnlyDictionary<string, Output<string>> SecretData);
}
