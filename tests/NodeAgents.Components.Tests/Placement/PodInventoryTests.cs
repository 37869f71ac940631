using k8s;
using k8s.Models;
using NodeAgents.Input;
using NodeAgents.Placement;
using NodeAgents.Tests.Shared;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>
/// The streamed pod reader (<see cref="PodInventory"/> with <see cref="PodFields"/>) against KubernetesClient's typed
/// model: the same sums per node as <see cref="PodRequests.Of(V1PodSpec)"/> of each deserialized <see cref="V1Pod"/>, and
/// the bad values of the fields it reads reported with file, item path, line and column.
/// </summary>
public sealed class PodInventoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pod-inventory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> RealPodLists() => [.. Directory.GetFiles(Path.Combine(RepoPaths.SharedData, "pods"), "*.pods.json").Select(file => Path.GetFileName(file))];

    [Theory]
    [MemberData(nameof(RealPodLists))]
    public void Each_real_pod_list_sums_per_node_as_the_typed_model_does(string name)
    {
        var file = Path.Combine(RepoPaths.SharedData, "pods", name);
        var typed = KubernetesJson.Deserialize<V1PodList>(File.ReadAllText(file)).Items
            .Where(pod => pod.Spec.NodeName is { Length: > 0 } && pod.Status?.Phase is not ("Succeeded" or "Failed"))
            .ToList();

        var nodes = PodInventory.Read(file, []);

        Assert.NotEmpty(typed);
        Assert.Equal(typed.Select(pod => pod.Spec.NodeName).Distinct().Order(), nodes.Keys.Order());
        foreach (var group in typed.GroupBy(pod => pod.Spec.NodeName))
        {
            var node = nodes[group.Key];
            Assert.Equal(group.Select(pod => (pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name, pod.Spec.Priority ?? 0, PodRequests.Of(pod.Spec), pod.Status?.StartTime?.ToUniversalTime())),
                node.Pods.Select(pod => (pod.Namespace, pod.Name, pod.Priority, pod.Requests, pod.StartTime)));
            Assert.Equal(group.Aggregate(ResourceAmounts.Zero, (sum, pod) => sum + PodRequests.Of(pod.Spec)), node.Requests);
        }
    }

    [Fact]
    public void Sidecars_init_containers_overhead_and_host_ports_are_read_from_json()
    {
        var file = Write("pods.json", """
            {"apiVersion": "v1", "kind": "PodList", "items": [
              {"metadata": {"name": "mesh", "namespace": "apps"}, "status": {"phase": "Running", "startTime": "2026-11-30T10:00:00Z"},
               "spec": {"nodeName": "n1", "priority": 100, "overhead": {"cpu": "25m", "memory": "1Mi"},
                "initContainers": [
                  {"name": "proxy", "restartPolicy": "Always", "resources": {"requests": {"cpu": "200m", "memory": "64Mi"}}},
                  {"name": "migrate", "resources": {"requests": {"cpu": "1", "memory": "16Mi"}}}],
                "containers": [
                  {"name": "app", "resources": {"requests": {"cpu": "500m"}, "limits": {"memory": "256Mi"}},
                   "ports": [{"containerPort": 8080, "hostPort": 8080}, {"containerPort": 53, "hostPort": 53, "protocol": "UDP", "hostIP": "10.0.0.1"}, {"containerPort": 9000}]}]}}
            ]}
            """);

        var pod = Assert.Single(PodInventory.Read(file, [])["n1"].Pods);

        // Containers with sidecars: 500m + 200m, 256Mi (limit as request) + 64Mi; the init container needs 1 + 200m, 16Mi + 64Mi;
        // the larger per resource (1200m, 320Mi), plus overhead.
        Assert.Equal(new ResourceAmounts(1225, (320L << 20) + (1L << 20), 1), pod.Requests);
        Assert.Equal(("apps", "mesh", 100), (pod.Namespace, pod.Name, pod.Priority));
        Assert.Equal(new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), pod.StartTime);
        Assert.Equal([(8080, "TCP", ""), (53, "UDP", "10.0.0.1")], pod.HostPorts);
    }

    [Fact]
    public void A_yaml_list_and_a_single_pod_file_read_like_json()
    {
        Write("a.yaml", """
            apiVersion: v1
            kind: List
            items:
            - metadata: {name: web, namespace: apps}
              spec:
                nodeName: n1
                containers:
                - name: c
                  resources: {requests: {cpu: 250m, memory: 64Mi}}
            """);
        Write("b.json", """{"kind": "Pod", "metadata": {"name": "solo"}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}]}}""");

        var node = PodInventory.Read(folder, [])["n1"];

        Assert.Equal([("apps", "web"), ("default", "solo")], node.Pods.Select(pod => (pod.Namespace, pod.Name)));
        Assert.Equal(new ResourceAmounts(1250, 64L << 20, 2), node.Requests);
    }

    [Fact]
    public void Bad_values_of_the_fields_read_are_reported_together_with_item_path_line_and_column()
    {
        var file = Write("{file}:2:121:", """
            {"kind": "List", "items": [
              {"metadata": {"name": "a"}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "resources": {"requests": {"cpu": "-1"}}}]}},
              {"metadata": {"name": "b"}, "spec": {"nodeName": 7, "priority": "high", "containers": [{"name": "c", "resources": {"limits": {"memory": "lots"}}, "ports": [{"containerPort": 80}, {"hostPort": "80"}]}]}},
              {"kind": "Service", "metadata": {"name": "c"}},
              "not a pod"
            ]}
            """);

        var error = Assert.Throws<InputException>(() => PodInventory.Read(file, []));

        Assert.Equal(
        [
            $"{file}:2:121: items[0].spec.containers[0].resources.requests.cpu: '-1' must be greater than or equal to 0",
            $"{file}:3:52: items[1].spec.nodeName: expected a string, got the number 7",
            $"{file}:3:67: items[1].spec.priority: expected a 32-bit whole number, got the string \"high\"",
            $"{file}:3:139: items[1].spec.containers[0].resources.limits.memory: 'lots' is not a Kubernetes quantity",
            $"{file}:3:195: items[1].spec.containers[0].ports[1].hostPort: expected a 32-bit whole number, got the string \"80\"",
            $"{file}:4:3: items[2].kind: expected a Pod, got 'Service'",
            $"{file}: items[3]: expected a Pod object, got String",
        ], error.Problems.Select(problem => problem.ToString()));
    }

    [Fact]
    public void A_file_that_is_not_a_pod_list_or_ends_early_is_one_problem()
    {
        var nodes = Write("nodes.json", """{"kind": "NodeList", "items": []}""");
        var cut = Write("cut.json", """{"kind": "List", "items": [{"metadata": {"name": "a"}""");

        Assert.Equal($"{nodes}: kind: 'NodeList' is not one of List, PodList, Pod", Assert.Single(Assert.Throws<InputException>(() => PodInventory.Read(nodes, [])).Problems).ToString());
        Assert.StartsWith($"{cut}:1:", Assert.Single(Assert.Throws<InputException>(() => PodInventory.Read(cut, [])).Problems).ToString());
    }

    private string Write(string name, string text)
    {
        var file = Path.Combine(folder, name);
        File.WriteAllText(file, text);
        return file;
    }
}
