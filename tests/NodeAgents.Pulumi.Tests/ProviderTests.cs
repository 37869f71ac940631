using NodeAgents.Program;
using NodeAgents.Pulumi.Tests.Support;
using NodeAgents.Stacks.Config;
using global::Pulumi;
using global::Pulumi.Testing;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// The explicit Kubernetes provider the program creates, checked against the rules of the pinned provider
/// (pulumi-kubernetes v4.32.0), which the mocks do not run.
/// </summary>
[Collection(PulumiCollection.Name)]
public class ProviderTests
{
    /// <summary>
    /// The provider's CheckConfig for render mode, as pulumi-kubernetes v4.32.0 <c>provider/pkg/provider/provider.go</c>
    /// states it: with a truthy <c>renderYamlToDirectory</c>, a truthy <c>cluster</c>, <c>context</c>, or a
    /// <c>kubeconfig</c> other than <c>$KUBECONFIG</c> each fail with
    /// <c>"%q arg is not compatible with "renderYamlToDirectory" arg"</c>.
    /// </summary>
    private static List<string> ProviderCheckFailures(IReadOnlyDictionary<string, object> inputs)
    {
        static bool Truthy(IReadOnlyDictionary<string, object> inputs, string key) =>
            inputs.TryGetValue(key, out var value) && value is string text && text.Length > 0 && text != "false";

        var failures = new List<string>();
        if (Truthy(inputs, "renderYamlToDirectory"))
        {
            foreach (var key in new[] { "cluster", "context" }.Where(key => Truthy(inputs, key)))
            {
                failures.Add($"\"{key}\" arg is not compatible with \"renderYamlToDirectory\" arg");
            }

            if (Truthy(inputs, "kubeconfig") && (string)inputs["kubeconfig"] != Environment.GetEnvironmentVariable("KUBECONFIG"))
            {
                failures.Add("\"kubeconfig\" arg is not compatible with \"renderYamlToDirectory\" arg");
            }
        }

        return failures;
    }

    private static async Task<MockResourceArgs> ProviderFor(Action<Dictionary<string, string>> configure, List<string>? extraSecrets = null)
    {
        var engine = new MockEngine();
        var (config, secretKeys) = StackConfigJson.From(StackFiles.Load(RepoPaths.Root, "dev"));
        configure(config);
        await engine.RunAsync(StackProgram.Run, "dev", config, [.. secretKeys, .. extraSecrets ?? []]);
        var provider = Assert.Single(engine.Registered, args => args.Type == "pulumi:providers:kubernetes");
        var kubernetesResources = engine.Registered.Where(args => args.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kubernetesResources);
        Assert.All(kubernetesResources, args => Assert.EndsWith("$pulumi:providers:kubernetes::kubernetes::kubernetes_id", args.Provider, StringComparison.Ordinal));
        return provider;
    }

    [Fact]
    public async Task Outside_GitOps_mode_the_provider_gets_the_context_cluster_and_kubeconfig_of_the_stack()
    {
        var provider = await ProviderFor(config =>
        {
            config["kubernetes:cluster"] = "kind-dev";
            config["kubernetes:kubeconfig"] = "/home/ci/.kube/dev";
        }, ["kubernetes:kubeconfig"]);

        Assert.Equal("dev", provider.Inputs["context"]); // from Pulumi.dev.yaml
        Assert.Equal("kind-dev", provider.Inputs["cluster"]);
        Assert.Equal("/home/ci/.kube/dev", provider.Inputs["kubeconfig"]);
        Assert.False(provider.Inputs.ContainsKey("renderYamlToDirectory"));
        Assert.False(provider.Inputs.ContainsKey("upsertExistingObjects"));
        Assert.Empty(ProviderCheckFailures(provider.Inputs));
    }

    [Fact]
    public async Task In_GitOps_mode_the_provider_gets_no_cluster_keys_so_the_pinned_provider_Check_accepts_it()
    {
        var provider = await ProviderFor(config =>
        {
            config["kubernetes:renderYamlToDirectory"] = "rendered/dev";
            config["kubernetes:cluster"] = "kind-dev";
            config["kubernetes:kubeconfig"] = "/home/ci/.kube/dev";
        }, ["kubernetes:kubeconfig"]);

        Assert.Equal("rendered/dev", provider.Inputs["renderYamlToDirectory"]);
        Assert.False(provider.Inputs.ContainsKey("context"));
        Assert.False(provider.Inputs.ContainsKey("cluster"));
        Assert.False(provider.Inputs.ContainsKey("kubeconfig"));
        Assert.Empty(ProviderCheckFailures(provider.Inputs));

        // What the program avoids: the same config passed on as it is fails the provider's Check on all three keys.
        var naive = new Dictionary<string, object> { ["renderYamlToDirectory"] = "rendered/dev", ["context"] = "dev", ["cluster"] = "kind-dev", ["kubeconfig"] = "/home/ci/.kube/dev" };
        Assert.Equal(
            [
                "\"cluster\" arg is not compatible with \"renderYamlToDirectory\" arg",
                "\"context\" arg is not compatible with \"renderYamlToDirectory\" arg",
                "\"kubeconfig\" arg is not compatible with \"renderYamlToDirectory\" arg",
            ],
            ProviderCheckFailures(naive));
    }

    /// <summary>
    /// pulumi-kubernetes v4.32.0 <c>provider/pkg/provider/provider.go</c> (Configure) turns upsert on only when
    /// <c>kubernetes:config:upsertExistingObjects</c> equals <c>"true"</c>; the .NET ProviderArgs declares the input with
    /// <c>json: true</c>, so the boolean reaches the provider as that very string. Without it,
    /// <c>provider/pkg/await/await.go</c> fails a create of an existing object ("The resource already exists in the
    /// cluster").
    /// </summary>
    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    public async Task Upsert_of_existing_objects_reaches_the_provider_as_the_string_it_compares(string configured, string expected)
    {
        var provider = await ProviderFor(config => config["kubernetes:upsertExistingObjects"] = configured);

        Assert.Equal(expected, provider.Inputs["upsertExistingObjects"]);
    }

    [Fact]
    public async Task An_upsert_value_other_than_true_or_false_fails_the_run_before_anything_is_registered()
    {
        var engine = new MockEngine();
        var (config, secretKeys) = StackConfigJson.From(StackFiles.Load(RepoPaths.Root, "dev"));
        config["kubernetes:upsertExistingObjects"] = "yes";
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(StackProgram.Run, "dev", config, secretKeys));

        Assert.Equal("kubernetes:upsertExistingObjects: expected true or false, got 'yes'", error.Message);
        Assert.DoesNotContain(engine.Registered, args => args.Type!.StartsWith("kubernetes:", StringComparison.Ordinal));
    }
}
