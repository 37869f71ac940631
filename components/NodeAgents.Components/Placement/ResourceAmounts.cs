using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// CPU, memory and pod slots: what a pod requests or what a node offers. CPU in millicores, memory in bytes, pods as a count.
/// Quantities are parsed with KubernetesClient's <see cref="ResourceQuantity"/> and rounded up like <c>Quantity.MilliValue</c>
/// and <c>Quantity.Value</c> do.
/// </summary>
/// <param name="MilliCpu">CPU in millicores (1 CPU = 1000).</param>
/// <param name="MemoryBytes">Memory in bytes.</param>
/// <param name="Pods">Pod slots.</param>
public readonly record struct ResourceAmounts(long MilliCpu, long MemoryBytes, long Pods)
{
    /// <summary>Nothing.</summary>
    public static ResourceAmounts Zero => default;

    /// <summary>Adds two amounts, each resource saturating at <see cref="long.MaxValue"/> rather than overflowing.</summary>
    public static ResourceAmounts operator +(ResourceAmounts left, ResourceAmounts right) =>
        new(Add(left.MilliCpu, right.MilliCpu), Add(left.MemoryBytes, right.MemoryBytes), Add(left.Pods, right.Pods));

    /// <summary>Subtracts per resource.</summary>
    public static ResourceAmounts operator -(ResourceAmounts left, ResourceAmounts right) =>
        new(left.MilliCpu - right.MilliCpu, left.MemoryBytes - right.MemoryBytes, left.Pods - right.Pods);

    /// <summary>The larger of each resource.</summary>
    public static ResourceAmounts Max(ResourceAmounts left, ResourceAmounts right) =>
        new(Math.Max(left.MilliCpu, right.MilliCpu), Math.Max(left.MemoryBytes, right.MemoryBytes), Math.Max(left.Pods, right.Pods));

    /// <summary>True when every resource of this amount is at most the one of <paramref name="capacity"/>.</summary>
    public bool FitsIn(ResourceAmounts capacity) => MilliCpu <= capacity.MilliCpu && MemoryBytes <= capacity.MemoryBytes && Pods <= capacity.Pods;

    /// <summary>
    /// Reads <c>cpu</c>, <c>memory</c> and <c>pods</c> from a resource list (a node's <c>status.allocatable</c>, a container's
    /// requests); a missing resource counts 0, as the scheduler counts it. A value outside the range of
    /// <see cref="QuantityRules"/> (callers report those first) is clamped to 0 or <see cref="long.MaxValue"/>, never thrown.
    /// </summary>
    public static ResourceAmounts From(IDictionary<string, ResourceQuantity>? resources) =>
        resources is null
            ? Zero
            : new ResourceAmounts(Quantity(resources, "cpu", 1000), Quantity(resources, "memory", 1), Quantity(resources, "pods", 1));

    /// <summary>Formats millicores as Kubernetes does: <c>1930m</c>, or whole CPUs such as <c>4</c>.</summary>
    public static string FormatCpu(long milliCpu) => milliCpu % 1000 == 0 ? (milliCpu / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{milliCpu}m";

    /// <summary>Formats bytes in the largest binary unit that keeps one decimal, e.g. <c>852Mi</c>, <c>14.6Gi</c>.</summary>
    public static string FormatMemory(long bytes)
    {
        string[] units = ["", "Ki", "Mi", "Gi", "Ti"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value % 1 == 0 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + units[unit];
    }

    private static long Add(long left, long right)
    {
        var sum = left + right;
        return ((left ^ sum) & (right ^ sum)) < 0 ? (left < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    private static long Quantity(IDictionary<string, ResourceQuantity> resources, string name, decimal scale) =>
        resources.TryGetValue(name, out var quantity) && quantity is not null ? Scaled(quantity, scale) : 0;

    /// <summary>
    /// <paramref name="quantity"/> times <paramref name="scale"/> (1000 for millicores), rounded up as <c>Quantity.MilliValue</c>
    /// and <c>Quantity.Value</c> round, clamped to 0..<see cref="long.MaxValue"/>.
    /// </summary>
    internal static long Scaled(ResourceQuantity quantity, decimal scale)
    {
        try
        {
            var value = decimal.Ceiling(quantity.ToDecimal() * scale);
            return value <= 0 ? 0 : value >= long.MaxValue ? long.MaxValue : (long)value;
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }
}
