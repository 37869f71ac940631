using System.Collections.Concurrent;
using System.Collections.Immutable;
using global::Pulumi;
using global::Pulumi.Testing;
using Moq;

namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>
/// Runs a Pulumi program against <see cref="IMocks"/> implemented with Moq: every registered resource's inputs are recorded,
/// resources echo their inputs as state, a RandomPassword's <c>result</c> is <see cref="RandomResult"/>, a RandomBytes' <c>base64</c> is <see cref="RandomBytesBase64"/>.
/// Config is handed over the way the engine does: PULUMI_CONFIG (JSON object of strings) and PULUMI_CONFIG_SECRET_KEYS.
/// </summary>
public sealed class MockEngine
{
    public const string RandomResult = "mock-random-password-0123456789abcdef";

    /// <summary>What a RandomBytes resource returns as <c>base64</c> (32 bytes 0x01…0x20).</summary>
    public static readonly string RandomBytesBase64 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    public ConcurrentQueue<MockRegisterResourceOutputsRequest> ComponentOutputs { get; } = new();

    public IMocks Mocks { get; }

    public MockEngine()
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                Registered.Enqueue(args);
                var state = args.Type switch
                {
                    "random:index/randomPassword:RandomPassword" => args.Inputs.SetItem("result", RandomResult),
                    "random:index/randomBytes:RandomBytes" => args.Inputs.SetItem("base64", RandomBytesBase64),
                    _ => args.Inputs,
                };
                return (args.Name + "_id", (object)state);
            });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).ReturnsAsync((MockCallArgs args) => (object)args.Args);
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>()))
            .Returns((MockRegisterResourceOutputsRequest request) =>
            {
                ComponentOutputs.Enqueue(request);
                return Task.CompletedTask;
            });
        Mocks = mocks.Object;
    }

    /// <summary>The Kubernetes objects registered (not the provider), as (kind, name, inputs).</summary>
    public IReadOnlyList<(string Kind, string Name, ImmutableDictionary<string, object> Inputs)> KubernetesObjects() =>
        Registered
            .Where(args => args.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && !args.Type.StartsWith("pulumi:providers:", StringComparison.Ordinal))
            .Select(args => ((string)args.Inputs["kind"], (string)((ImmutableDictionary<string, object>)args.Inputs["metadata"])["name"], args.Inputs))
            .ToList();

    /// <summary>Runs <paramref name="program"/> for <paramref name="project"/> (default node-agents) and <paramref name="stack"/> with the given config.</summary>
    public async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunAsync(
        Func<IDictionary<string, object?>> program,
        string stack = "dev",
        IReadOnlyDictionary<string, string>? config = null,
        IReadOnlyCollection<string>? secretKeys = null,
        string project = "node-agents")
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", System.Text.Json.JsonSerializer.Serialize(config ?? new Dictionary<string, string>()));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", System.Text.Json.JsonSerializer.Serialize(secretKeys ?? []));
        try
        {
            return await Deployment.TestAsync(Mocks, new TestOptions { ProjectName = project, StackName = stack, IsPreview = false }, program);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
        }
    }

    /// <summary>
    /// The resources registered with <paramref name="parent"/> as their Parent. The mock monitor's URNs name only the root
    /// type as parent, so this reads the SDK's own parent → children record (Resource.ChildResources, internal).
    /// </summary>
    public static IReadOnlyCollection<Resource> ChildrenOf(Resource parent) =>
        (HashSet<Resource>)typeof(Resource).GetProperty("ChildResources", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(parent)!;

    /// <summary>The value of an output (resolved by the mocks).</summary>
    public static Task<T> ValueOf<T>(Output<T> output) => global::Pulumi.Utilities.OutputUtilities.GetValueAsync(output);
}
