using System.Text;
using k8s;
using k8s.Models;
using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>
/// The priority classes of a cluster, to give an agent the priority the Priority admission plugin would give its pods:
/// the value of the class its <c>priorityClassName</c> names, else the value of the class marked <c>globalDefault</c>,
/// else 0 (kubernetes <c>plugin/pkg/admission/priority/admission.go</c>). The built-in <c>system-node-critical</c>
/// (2000001000) and <c>system-cluster-critical</c> (2000000000) always exist.
/// </summary>
public sealed class PriorityClasses
{
    private readonly Dictionary<string, int> values;

    private PriorityClasses(Dictionary<string, int> values, int? globalDefault)
    {
        this.values = values;
        GlobalDefault = globalDefault;
    }

    /// <summary>Only the built-in classes, no global default.</summary>
    public static PriorityClasses BuiltIn { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["system-node-critical"] = DaemonSetPlacement.SystemNodeCritical,
        ["system-cluster-critical"] = DaemonSetPlacement.SystemClusterCritical,
    }, null);

    /// <summary>The value of the <c>globalDefault</c> class, or null when none is marked.</summary>
    public int? GlobalDefault { get; }

    /// <summary>The priority of a pod with <paramref name="className"/> (null or empty: none named).</summary>
    public int Resolve(string? className) =>
        string.IsNullOrEmpty(className) ? GlobalDefault ?? 0 : values.GetValueOrDefault(className);

    /// <summary>True when <paramref name="className"/> is a class of this cluster.</summary>
    public bool Knows(string className) => values.ContainsKey(className);

    /// <summary>Reads <c>kubectl get priorityclasses -o json</c> (or <c>-o yaml</c>): a List or PriorityClassList.</summary>
    /// <exception cref="InputException">The file cannot be read or holds something else; every problem.</exception>
    public static PriorityClasses Read(string path)
    {
        var problems = new List<InputProblem>();
        string text;
        try
        {
            text = Encoding.UTF8.GetString(InputPaths.ReadBounded(path, 32L << 20)).TrimStart('\uFEFF');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InputException([new InputProblem(path, "", "cannot be read: " + error.Message)]);
        }

        var classes = new Dictionary<string, int>(BuiltIn.values, StringComparer.Ordinal);
        int? globalDefault = null;
        try
        {
            var json = text.TrimStart().StartsWith('{') ? text : Rendering.YamlReader.ToJson(text).FirstOrDefault() ?? "{}";
            var list = KubernetesJson.Deserialize<V1PriorityClassList>(json);
            var index = 0;
            foreach (var item in list.Items ?? [])
            {
                if (item.Metadata?.Name is not { Length: > 0 } name)
                {
                    problems.Add(new InputProblem(path, $"items[{index}].metadata.name", "a PriorityClass needs a name"));
                }
                else if (item.Value is not { } value)
                {
                    problems.Add(new InputProblem(path, $"items[{index}].value", "a PriorityClass needs a value"));
                }
                else
                {
                    classes[name] = value;
                    if (item.GlobalDefault == true)
                    {
                        globalDefault = value;
                    }
                }

                index++;
            }
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or FormatException or YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            problems.Add(new InputProblem(path, "", "not a list of PriorityClasses (kubectl get priorityclasses -o json): " + error.Message));
        }

        return problems.Count > 0 ? throw new InputException(problems) : new PriorityClasses(classes, globalDefault);
    }
}
