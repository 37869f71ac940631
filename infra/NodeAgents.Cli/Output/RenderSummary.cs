using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using Spectre.Console;

namespace NodeAgents.Cli.Output;

/// <summary>The table <c>nodeagents render</c> prints: one row per agent.</summary>
internal static class RenderSummary
{
    public static void Write(ManifestSet manifests, string stack, int objectCount, string destination, TextWriter writer)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("agent", "role", "namespace", "image", "node selection", "update strategy", "requests", "limits");
        foreach (var (spec, objects) in manifests.Agents)
        {
            var pod = objects.DaemonSet.Spec.Template.Spec;
            table.AddRow(
                Markup.Escape(spec.Name),
                spec.Role.ToString().ToLowerInvariant(),
                Markup.Escape(spec.Namespace),
                Markup.Escape(spec.Image.ToShortString()),
                Markup.Escape(NodeSelection(pod)),
                Markup.Escape(Strategy(objects.DaemonSet.Spec.UpdateStrategy)),
                Markup.Escape(Quantities(spec.Resources?.Requests)),
                Markup.Escape(Quantities(spec.Resources?.Limits)));
        }

        var console = Terminal.Over(writer);
        Terminal.Write(console, table);
        console.WriteLine($"stack {stack}: {PlanText.Count(manifests.Agents.Count, "agent")}, {PlanText.Count(objectCount, "object")} → {destination}");
        foreach (var (spec, objects) in manifests.Agents)
        {
            if (objects.Secret is not { } secret)
            {
                continue;
            }

            var keys = secret.Metadata.Annotations[NodeAgentBuilder.SuppliedAtDeployAnnotation].Split(',');
            var literals = string.Join(" ", keys.Select(key => $"--from-literal={key}=…"));
            var shared = spec.SecretEnv.Where(env => env.Source.SharedFor is not null)
                .Select(env => $"; {env.Key} must hold the same value in every agent's Secret for {env.Source.SharedFor}, as the receiving end checks one")
                .Distinct(StringComparer.Ordinal);
            writer.WriteLine(
                $"note: Secret {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name} is written without data: {(keys.Length == 1 ? "key" : "keys")} {string.Join(", ", keys)} " +
                $"{(keys.Length == 1 ? "is" : "are")} supplied at deploy time by Pulumi; before a plain kubectl apply, create it yourself: " +
                $"kubectl -n {secret.Metadata.NamespaceProperty} create secret generic {secret.Metadata.Name} {literals}{string.Concat(shared)}");
        }
    }

    private static string NodeSelection(V1PodSpec pod)
    {
        var parts = new List<string>();
        parts.AddRange((pod.NodeSelector ?? new Dictionary<string, string>()).Select(pair => $"{pair.Key}={pair.Value}"));
        var required = pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?.Count ?? 0;
        if (required > 0)
        {
            parts.Add($"affinity: {required} term(s)");
        }

        var tolerations = pod.Tolerations ?? [];
        parts.Add(Tolerations.ToleratesEveryTaint(tolerations)
            ? "tolerates every taint"
            : tolerations.Count == 0 ? "no tolerations" : $"{tolerations.Count} toleration(s)");
        return string.Join(", ", parts);
    }

    private static string Strategy(V1DaemonSetUpdateStrategy? strategy) => strategy?.Type switch
    {
        "OnDelete" => "OnDelete",
        _ when strategy?.RollingUpdate?.MaxSurge?.Value is { } surge && surge != "0" => $"RollingUpdate maxSurge {surge}",
        _ => $"RollingUpdate maxUnavailable {strategy?.RollingUpdate?.MaxUnavailable?.Value ?? "1"}",
    };

    private static string Quantities(IDictionary<string, ResourceQuantity>? quantities) =>
        quantities is null || quantities.Count == 0
            ? "-"
            : string.Join(" ", quantities.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
}
