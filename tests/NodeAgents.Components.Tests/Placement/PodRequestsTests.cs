using k8s.Models;
using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

public class PodRequestsTests
{
    private static V1Container Container(string name, string? cpu, string? memory, string? restartPolicy = null, bool asLimits = false)
    {
        var quantities = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            quantities["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            quantities["memory"] = new ResourceQuantity(memory);
        }

        return new V1Container
        {
            Name = name,
            RestartPolicy = restartPolicy,
            Resources = asLimits ? new V1ResourceRequirements { Limits = quantities } : new V1ResourceRequirements { Requests = quantities },
        };
    }

    [Fact]
    public void Containers_add_up_in_millicores_and_bytes()
    {
        var pod = new V1PodSpec { Containers = [Container("a", "100m", "128Mi"), Container("b", "0.25", "1Gi")] };
        Assert.Equal(new ResourceAmounts(350, (128L << 20) + (1L << 30), 1), PodRequests.Of(pod));
    }

    [Fact]
    public void The_largest_init_container_wins_when_it_exceeds_the_containers_per_resource()
    {
        var pod = new V1PodSpec
        {
            InitContainers = [Container("init1", "500m", "10Mi"), Container("init2", "200m", "300Mi")],
            Containers = [Container("main", "100m", "100Mi")],
        };
        Assert.Equal(new ResourceAmounts(500, 300L << 20, 1), PodRequests.Of(pod));
    }

    [Fact]
    public void Sidecars_add_to_the_containers_and_to_every_later_init_container()
    {
        var pod = new V1PodSpec
        {
            InitContainers = [Container("sidecar", "50m", "50Mi", restartPolicy: "Always"), Container("setup", "400m", "10Mi")],
            Containers = [Container("main", "100m", "100Mi")],
        };
        // containers + sidecar = 150m/150Mi; setup runs next to the sidecar: 450m/60Mi.
        Assert.Equal(new ResourceAmounts(450, 150L << 20, 1), PodRequests.Of(pod));
    }

    [Fact]
    public void Overhead_is_added_and_limits_stand_in_for_missing_requests()
    {
        var pod = new V1PodSpec
        {
            Containers = [Container("main", "200m", "64Mi", asLimits: true)],
            Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("120Mi") },
        };
        Assert.Equal(new ResourceAmounts(450, 184L << 20, 1), PodRequests.Of(pod));
    }

    [Fact]
    public void A_pod_without_requests_takes_only_a_pod_slot()
    {
        Assert.Equal(new ResourceAmounts(0, 0, 1), PodRequests.Of(new V1PodSpec { Containers = [new V1Container { Name = "a" }] }));
    }
}
