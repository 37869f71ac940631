using k8s.Models;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Validation;

/// <summary>
/// container-requests-unset: what it accepts (a limit alone, run-to-completion init containers) and what it says (the
/// failing inputs are in <see cref="RuleCases"/>).
/// </summary>
public class ResourceRequestRuleTests
{
    private static Dictionary<string, ResourceQuantity> Quantities(string cpu, string memory) => new() { ["cpu"] = new(cpu), ["memory"] = new(memory) };

    [Fact]
    public void A_limit_alone_is_enough_because_the_api_copies_it_into_the_request()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Resources = new V1ResourceRequirements { Limits = Quantities("200m", "256Mi") };
        Assert.Empty(ManifestValidator.Validate(objects.All));
    }

    [Fact]
    public void A_run_to_completion_init_container_needs_no_request()
    {
        var objects = new ValidObjects();
        objects.Pod("fluent-bit").InitContainers = [new V1Container { Name = "setup", Image = "registry.k8s.io/pause:3.10", SecurityContext = objects.Container("fluent-bit").SecurityContext }];
        Assert.DoesNotContain(ManifestValidator.Validate(objects.All), finding => finding.Rule == "container-requests-unset");
    }

    [Fact]
    public void The_warning_names_the_container_and_each_missing_resource()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } };

        var finding = Assert.Single(ManifestValidator.Validate(objects.All));

        Assert.Equal(("container-requests-unset", Severity.Warning, "spec.template.spec.containers[0].resources.requests"), (finding.Rule, finding.Severity, finding.Path));
        Assert.StartsWith("container 'fluent-bit' requests no memory (no request above 0, nor a limit above 0 the API would copy into a missing request): the scheduler and plan count its memory as 0", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_request_counts_as_unset_even_with_a_limit()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Resources = new V1ResourceRequirements { Requests = Quantities("0", "128Mi"), Limits = Quantities("200m", "256Mi") };

        var finding = Assert.Single(ManifestValidator.Validate(objects.All));

        Assert.Equal("container-requests-unset", finding.Rule);
        Assert.StartsWith("container 'fluent-bit' requests no cpu (no request above 0, ", finding.Message, StringComparison.Ordinal);
        // cpu is not an eviction signal: the memory clause is left out.
        Assert.EndsWith("a full node still takes it; set resources.requests above 0", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_limit_without_a_request_counts_as_unset()
    {
        var objects = new ValidObjects();
        objects.Container("fluent-bit").Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") }, Limits = Quantities("200m", "0") };

        var finding = Assert.Single(ManifestValidator.Validate(objects.All));

        Assert.Contains("requests no memory", finding.Message, StringComparison.Ordinal);
        Assert.Contains("under memory pressure the kubelet evicts first the pods using more memory than they request", finding.Message, StringComparison.Ordinal);
    }
}
