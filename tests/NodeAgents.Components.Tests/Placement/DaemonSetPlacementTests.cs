using k8s.Models;
using NodeAgents.Model;
using NodeAgents.Placement;
using static NodeAgents.Components.Tests.Placement.Fixtures;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>NodeShouldRunDaemonPod, case by case: each test states the node, the DaemonSet and the exact decision.</summary>
public class DaemonSetPlacementTests
{
    private static PlacementDecision Decide(V1DaemonSet daemonSet, V1Node node) => DaemonSetPlacement.For(daemonSet).ShouldRun(node);

    private static V1Node Labelled(params (string Key, string Value)[] labels) => Node("n1", labels.ToDictionary(pair => pair.Key, pair => pair.Value));

    [Fact]
    public void In_matches_a_listed_value_and_names_the_actual_value_otherwise()
    {
        var daemonSet = DaemonSet(affinity: Required(Term(Expression("kubernetes.io/arch", "In", "amd64", "arm64"))));
        Assert.Equal(PlacementDecision.Lands, Decide(daemonSet, Labelled(("kubernetes.io/arch", "arm64"))));
        var decision = Decide(daemonSet, Labelled(("kubernetes.io/arch", "s390x")));
        Assert.Equal(PlacementOutcome.ExcludedBySelector, decision.Outcome);
        Assert.Equal("required node affinity term 0: kubernetes.io/arch In [amd64, arm64] (node has kubernetes.io/arch=s390x)", decision.Reason);
    }

    [Fact]
    public void In_does_not_match_a_node_without_the_label()
    {
        var decision = Decide(DaemonSet(affinity: Required(Term(Expression("pool", "In", "a")))), Labelled());
        Assert.Equal(new PlacementDecision(PlacementOutcome.ExcludedBySelector, "required node affinity term 0: pool In [a] (node has no label pool)"), decision);
    }

    [Fact]
    public void NotIn_matches_a_node_that_lacks_the_label_and_rejects_a_listed_value()
    {
        var daemonSet = DaemonSet(affinity: Required(Term(Expression("eks.amazonaws.com/compute-type", "NotIn", "fargate", "auto"))));
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled()).Outcome);
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled(("eks.amazonaws.com/compute-type", "ec2"))).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled(("eks.amazonaws.com/compute-type", "fargate"))).Outcome);
    }

    [Fact]
    public void Exists_and_DoesNotExist_look_only_at_the_key()
    {
        var exists = DaemonSet(affinity: Required(Term(Expression("gpu", "Exists"))));
        var doesNotExist = DaemonSet(affinity: Required(Term(Expression("gpu", "DoesNotExist"))));
        var withEmptyValue = Labelled(("gpu", ""));
        Assert.Equal(PlacementOutcome.Lands, Decide(exists, withEmptyValue).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(exists, Labelled()).Outcome);
        Assert.Equal(PlacementOutcome.Lands, Decide(doesNotExist, Labelled()).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(doesNotExist, withEmptyValue).Outcome);
    }

    [Theory]
    [InlineData("Gt", "9", true)]
    [InlineData("Gt", "10", false)]
    [InlineData("Gt", "010", false)]
    [InlineData("Lt", "11", true)]
    [InlineData("Lt", "10", false)]
    [InlineData("Gt", "9223372036854775807", false)]
    public void Gt_and_Lt_compare_integers_not_strings(string op, string bound, bool lands)
    {
        var daemonSet = DaemonSet(affinity: Required(Term(Expression("cores", op, bound))));
        Assert.Equal(lands, Decide(daemonSet, Labelled(("cores", "10"))).Outcome == PlacementOutcome.Lands);
    }

    /// <summary>
    /// k8s.io/apimachinery pkg/labels/selector.go <c>NewRequirement</c>, called by k8s.io/component-helpers
    /// scheduling/corev1/nodeaffinity for each requirement: the key must be a valid label key, each value a valid label
    /// value (also for Gt/Lt, where <c>strconv.ParseInt</c> alone would accept <c>-1</c> and <c>+149</c>), Gt/Lt one integer.
    /// A requirement that fails makes its whole term match no node; another term still can.
    /// </summary>
    [Theory]
    [InlineData("zone", "In", "foo bar")]
    [InlineData("cores", "Gt", "-1")]
    [InlineData("cores", "Gt", "+149")]
    [InlineData("cores", "Lt", "1.5")]
    [InlineData("cores", "Lt", "99999999999999999999")]
    [InlineData("cores", "Lt", " 20")]
    [InlineData("bad key", "Exists")]
    [InlineData("cores", "Exists", "10")]
    [InlineData("zone", "NotIn")]
    [InlineData("zone", "In", "a", "-b")]
    public void A_requirement_Kubernetes_cannot_parse_makes_its_term_match_no_node(string key, string op, params string[] values)
    {
        var node = Labelled(("cores", "10"), ("zone", "a"));
        var invalid = DaemonSet(affinity: Required(Term(Expression(key, op, values))));
        var decision = Decide(invalid, node);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, decision.Outcome);
        Assert.Contains("invalid, matches no node", decision.Reason);

        // The same invalid term next to a valid one: the valid term still places the pod.
        var withValidTerm = DaemonSet(affinity: Required(Term(Expression(key, op, values)), Term(Expression("zone", "In", "a"))));
        Assert.Equal(PlacementOutcome.Lands, Decide(withValidTerm, node).Outcome);
    }

    [Fact]
    public void Gt_matches_nothing_when_the_node_label_is_not_an_integer_or_missing()
    {
        var daemonSet = DaemonSet(affinity: Required(Term(Expression("cores", "Gt", "1"))));
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled(("cores", "many"))).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled(("cores", "2.5"))).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled()).Outcome);
    }

    [Fact]
    public void Gt_with_a_non_integer_value_makes_its_term_match_nothing_but_other_terms_still_count()
    {
        var broken = Term(Expression("cores", "Gt", "four"));
        var alone = Decide(DaemonSet(affinity: Required(broken)), Labelled(("cores", "8")));
        Assert.Equal(PlacementOutcome.ExcludedBySelector, alone.Outcome);
        Assert.Contains("invalid, matches no node (cores Gt needs exactly one integer value, got [four])", alone.Reason);
        var withOther = DaemonSet(affinity: Required(broken, Term(Expression("cores", "Exists"))));
        Assert.Equal(PlacementOutcome.Lands, Decide(withOther, Labelled(("cores", "8"))).Outcome);
    }

    [Fact]
    public void Terms_are_ORed_and_expressions_within_a_term_are_ANDed()
    {
        var daemonSet = DaemonSet(affinity: Required(
            Term(Expression("zone", "In", "a"), Expression("disk", "In", "ssd")),
            Term(Expression("zone", "In", "b"))));
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled(("zone", "a"), ("disk", "ssd"))).Outcome);
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled(("zone", "b"))).Outcome);
        var halfOfFirstTerm = Decide(daemonSet, Labelled(("zone", "a"), ("disk", "hdd")));
        Assert.Equal(PlacementOutcome.ExcludedBySelector, halfOfFirstTerm.Outcome);
        Assert.Equal("required node affinity: none of 2 nodeSelectorTerms matches (term 0: disk In [ssd] (node has disk=hdd); term 1: zone In [b] (node has zone=a))", halfOfFirstTerm.Reason);
    }

    [Fact]
    public void An_empty_term_matches_no_node()
    {
        var decision = Decide(DaemonSet(affinity: Required(new V1NodeSelectorTerm())), Labelled(("a", "b")));
        Assert.Equal(new PlacementDecision(PlacementOutcome.ExcludedBySelector, "required node affinity has no non-empty nodeSelectorTerm (matches no node)"), decision);
    }

    [Fact]
    public void MatchFields_selects_by_node_name()
    {
        var daemonSet = DaemonSet(affinity: Required(new V1NodeSelectorTerm { MatchFields = [Expression("metadata.name", "In", "n1")] }));
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Node("n1")).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Node("n2")).Outcome);
    }

    [Fact]
    public void NodeSelector_needs_every_label_with_the_same_value()
    {
        var daemonSet = DaemonSet(nodeSelector: new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" });
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled(("kubernetes.io/os", "linux"))).Outcome);
        Assert.Equal("nodeSelector kubernetes.io/os=linux (node has kubernetes.io/os=windows)", Decide(daemonSet, Labelled(("kubernetes.io/os", "windows"))).Reason);
        Assert.Equal("nodeSelector kubernetes.io/os=linux (node has no label kubernetes.io/os)", Decide(daemonSet, Labelled(("beta.kubernetes.io/os", "linux"))).Reason);
    }

    [Fact]
    public void NodeSelector_and_required_affinity_must_both_match()
    {
        var daemonSet = DaemonSet(nodeSelector: new Dictionary<string, string> { ["os"] = "linux" }, affinity: Required(Term(Expression("zone", "In", "a"))));
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Labelled(("os", "linux"), ("zone", "a"))).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled(("os", "linux"), ("zone", "b"))).Outcome);
        Assert.Equal(PlacementOutcome.ExcludedBySelector, Decide(daemonSet, Labelled(("zone", "a"))).Outcome);
    }

    [Fact]
    public void Preferred_affinity_does_not_change_placement()
    {
        var affinity = new V1NodeAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution = [new V1PreferredSchedulingTerm { Weight = 100, Preference = Term(Expression("zone", "In", "a")) }],
        };
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(affinity: affinity), Labelled(("zone", "b"))).Outcome);
    }

    [Fact]
    public void A_template_nodeName_restricts_the_DaemonSet_to_that_node()
    {
        var daemonSet = DaemonSet(nodeName: "n1");
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Node("n1")).Outcome);
        Assert.Equal(new PlacementDecision(PlacementOutcome.ExcludedBySelector, "spec.nodeName is n1"), Decide(daemonSet, Node("n2")));
    }

    [Theory]
    [InlineData("node.kubernetes.io/not-ready", "NoExecute")]
    [InlineData("node.kubernetes.io/unreachable", "NoExecute")]
    [InlineData("node.kubernetes.io/disk-pressure", "NoSchedule")]
    [InlineData("node.kubernetes.io/memory-pressure", "NoSchedule")]
    [InlineData("node.kubernetes.io/pid-pressure", "NoSchedule")]
    [InlineData("node.kubernetes.io/unschedulable", "NoSchedule")]
    public void The_controller_adds_a_toleration_for_each_node_condition_taint(string key, string effect)
    {
        var node = Node("n1", taints: [Taint(key, effect)]);
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(), node).Outcome);
    }

    [Theory]
    [InlineData("node.kubernetes.io/not-ready", "NoSchedule")]
    [InlineData("node.kubernetes.io/disk-pressure", "NoExecute")]
    public void The_added_tolerations_cover_only_their_own_effect(string key, string effect)
    {
        var decision = Decide(DaemonSet(), Node("n1", taints: [Taint(key, effect)]));
        Assert.Equal(new PlacementDecision(PlacementOutcome.BlockedByTaint, $"taint {key}:{effect} is not tolerated"), decision);
    }

    [Fact]
    public void Network_unavailable_is_tolerated_only_by_host_network_pods()
    {
        var node = Node("n1", taints: [Taint("node.kubernetes.io/network-unavailable", "NoSchedule")]);
        Assert.Equal(PlacementOutcome.BlockedByTaint, Decide(DaemonSet(), node).Outcome);
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(hostNetwork: true), node).Outcome);
    }

    [Fact]
    public void A_NoSchedule_toleration_does_not_tolerate_a_NoExecute_taint_and_PreferNoSchedule_never_blocks()
    {
        var daemonSet = DaemonSet(tolerations: [Toleration("dedicated", "Exists", "NoSchedule")]);
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Node("n1", taints: [Taint("dedicated", "NoSchedule", "infra")])).Outcome);
        Assert.Equal(
            new PlacementDecision(PlacementOutcome.BlockedByTaint, "taint dedicated=infra:NoExecute is not tolerated"),
            Decide(daemonSet, Node("n1", taints: [Taint("dedicated", "NoExecute", "infra")])));
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(), Node("n1", taints: [Taint("dedicated", "PreferNoSchedule", "infra")])).Outcome);
    }

    [Fact]
    public void A_toleration_without_effect_covers_NoSchedule_and_NoExecute()
    {
        var daemonSet = DaemonSet(tolerations: [Toleration("dedicated", "Equal", value: "infra")]);
        var node = Node("n1", taints: [Taint("dedicated", "NoSchedule", "infra"), Taint("dedicated", "NoExecute", "infra")]);
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, node).Outcome);
    }

    [Fact]
    public void Equal_needs_the_same_value()
    {
        var daemonSet = DaemonSet(tolerations: [Toleration("sku", "Equal", "NoSchedule", "gpu")]);
        Assert.Equal(PlacementOutcome.Lands, Decide(daemonSet, Node("n1", taints: [Taint("sku", "NoSchedule", "gpu")])).Outcome);
        Assert.Equal(PlacementOutcome.BlockedByTaint, Decide(daemonSet, Node("n1", taints: [Taint("sku", "NoSchedule", "fpga")])).Outcome);
    }

    [Fact]
    public void An_empty_key_Exists_toleration_tolerates_every_taint()
    {
        var node = Node("n1", taints: [Taint("sku", "NoSchedule", "gpu"), Taint("virtual-kubelet.io/provider", "NoExecute", "azure"), Taint("x", "NoSchedule")]);
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(tolerations: Tolerations.EveryTaint()), node).Outcome);
        var onlyNoSchedule = DaemonSet(tolerations: [Toleration(null, "Exists", "NoSchedule")]);
        Assert.Equal("taint virtual-kubelet.io/provider=azure:NoExecute is not tolerated", Decide(onlyNoSchedule, node).Reason);
    }

    [Fact]
    public void A_cordoned_node_still_gets_daemon_pods()
    {
        var cordoned = Node("n1", unschedulable: true, taints: [Taint("node.kubernetes.io/unschedulable", "NoSchedule")]);
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(), cordoned).Outcome);
    }

    [Theory]
    [InlineData("node-role.kubernetes.io/control-plane")]
    [InlineData("node-role.kubernetes.io/master")]
    public void A_control_plane_node_needs_the_control_plane_toleration(string taintKey)
    {
        var controlPlane = Node("cp", taints: [Taint(taintKey, "NoSchedule")]);
        Assert.Equal(new PlacementDecision(PlacementOutcome.BlockedByTaint, $"taint {taintKey}:NoSchedule is not tolerated"), Decide(DaemonSet(), controlPlane));
        Assert.Equal(PlacementOutcome.Lands, Decide(DaemonSet(tolerations: Tolerations.ControlPlane()), controlPlane).Outcome);
    }

    [Fact]
    public void The_pod_spec_of_the_DaemonSet_is_not_changed_by_adding_tolerations()
    {
        var daemonSet = DaemonSet(tolerations: [Toleration("a", "Exists")]);
        var placement = DaemonSetPlacement.For(daemonSet);
        Assert.Single(daemonSet.Spec.Template.Spec.Tolerations);
        Assert.Equal(7, placement.Tolerations.Count);
    }
}
