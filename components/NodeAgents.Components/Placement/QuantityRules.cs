using System.Text.RegularExpressions;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The range rules a quantity of a node's <c>status.capacity</c>/<c>status.allocatable</c> or of a container's requests must
/// meet before the planner does arithmetic on it. They follow kubernetes/kubernetes <c>pkg/apis/core/validation</c>
/// <c>ValidateResourceQuantityValue</c> (not negative; <c>pods</c> is an integer resource) and the int64 range of
/// <c>Quantity.MilliValue</c>/<c>Quantity.Value</c> the scheduler's NodeResourcesFit reads (CPU in millicores, memory in
/// bytes, pods as a count, each below 2^63 - 1; KubernetesClient's <see cref="ResourceQuantity"/> clamps larger binary
/// values such as <c>100Ei</c> to 2^63 - 1, so that value counts as too large too).
/// </summary>
public static partial class QuantityRules
{
    /// <summary>
    /// What is wrong with <paramref name="quantity"/> as the resource <paramref name="resource"/>, or null when it is fine.
    /// Every resource must be at least 0; <c>cpu</c> (in millicores), <c>memory</c> (in bytes) and <c>pods</c> must be below
    /// 2^63 - 1; <c>pods</c> must be whole. Other resources (e.g. <c>nvidia.com/gpu</c>) are only checked for sign.
    /// </summary>
    /// <param name="resource">The resource name, e.g. <c>cpu</c>.</param>
    /// <param name="quantity">The parsed quantity.</param>
    /// <returns>A message such as <c>'-1Gi' must be greater than or equal to 0</c>, or null.</returns>
    public static string? Problem(string resource, ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return Check(resource, quantity, quantity.ToString());
    }

    /// <summary>The three resources the planner counts, in the order of <see cref="ResourceAmounts"/>; any other resource is index 3.</summary>
    internal static int IndexOf(string resource) => resource switch
    {
        "cpu" => 0,
        "memory" => 1,
        "pods" => 2,
        _ => 3,
    };

    /// <summary>The resource names by <see cref="IndexOf"/>; index 3 stands for any other resource.</summary>
    internal static readonly string[] Resources = ["cpu", "memory", "pods", "other"];

    private static string? Check(string resource, ResourceQuantity quantity, string text)
    {
        decimal value;
        try
        {
            value = quantity.ToDecimal();
        }
        catch (OverflowException)
        {
            return $"'{text}' is too large";
        }

        if (value < 0)
        {
            return $"'{text}' must be greater than or equal to 0";
        }

        var scale = resource == "cpu" ? 1000m : 1m;
        if (resource is "cpu" or "memory" or "pods" && value >= long.MaxValue / scale)
        {
            var clamped = value == long.MaxValue ? " (KubernetesClient reads 8Ei and more as 2^63 - 1)" : "";
            return resource switch
            {
                "cpu" => $"'{text}' is too large: cpu in millicores must be below 2^63 - 1{clamped}",
                "memory" => $"'{text}' is too large: memory must be below 8Ei (2^63 - 1 bytes){clamped}",
                _ => $"'{text}' is too large: pods must be below 2^63 - 1{clamped}",
            };
        }

        return resource == "pods" && value != decimal.Truncate(value) ? $"'{text}' must be an integer" : null;
    }

    /// <summary>What is wrong with the quantity text <paramref name="text"/> as <paramref name="resource"/>, or null when it is fine.</summary>
    /// <param name="resource">The resource name, e.g. <c>memory</c>.</param>
    /// <param name="text">The value as written, e.g. <c>1Gi</c>.</param>
    /// <returns>A message, e.g. <c>'zz' is not a Kubernetes quantity</c>, or null.</returns>
    public static string? Problem(string resource, string text)
    {
        if (!IsQuantity(text))
        {
            return $"'{Shorten(text)}' is not a Kubernetes quantity";
        }

        ResourceQuantity quantity;
        try
        {
            quantity = new ResourceQuantity(text);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException or ArithmeticException)
        {
            return $"'{Shorten(text)}' is not a Kubernetes quantity";
        }

        return Check(resource, quantity, text);
    }

    /// <summary>
    /// True when <paramref name="text"/> has the syntax of a Kubernetes quantity, as k8s.io/apimachinery
    /// <c>pkg/api/resource/quantity.go</c> (<c>ParseQuantity</c>, <c>parseQuantityString</c>) accepts it: an optional sign,
    /// digits with at most one decimal point (<c>1</c>, <c>1.5</c>, <c>1.</c>, <c>.5</c>), then nothing, a binary suffix
    /// (<c>Ki Mi Gi Ti Pi Ei</c>), a decimal suffix (<c>m k M G T P E</c>) or a decimal exponent (<c>e3</c>, <c>E-2</c>).
    /// Text KubernetesClient's <see cref="ResourceQuantity"/> would take but the API server refuses, such as <c>NaN</c>,
    /// <c>Infinity</c> or <c>1,5</c>, is not a quantity.
    /// </summary>
    public static bool IsQuantity(string text) => text.Length <= MaxQuantityLength && QuantitySyntax().IsMatch(text);

    /// <summary>The longest quantity text read (a longer one is refused without being parsed).</summary>
    public const int MaxQuantityLength = 64;

    /// <summary><paramref name="text"/> for a message: at most 40 characters, the rest elided.</summary>
    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[mkMGTPE]|[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantitySyntax();
}
