using System.Globalization;

namespace NodeAgents.Model;

/// <summary>
/// How long <c>pulumi up</c> waits for an agent's DaemonSet rollout: the DaemonSet resource's custom timeouts (create and
/// update). Written as a Go duration, as Pulumi writes <c>customTimeouts</c> (<c>90s</c>, <c>30m</c>, <c>1h30m</c>).
/// <para>
/// Grammar, as Go's <c>time.ParseDuration</c> states it (go <c>src/time/format.go</c>): one or more decimal numbers, each
/// with an optional fraction and a unit suffix <c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>;
/// a leading sign is allowed by Go but a rollout timeout must be positive. The provider's default without it is 10
/// minutes for a DaemonSet (pulumi-kubernetes v4.32.0 <c>provider/pkg/await/daemonset.go</c>).
/// </para>
/// </summary>
public static class RolloutTimeout
{
    /// <summary>The longest timeout accepted (24 hours): a longer wait is a stuck pipeline, not a rollout.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(24);

    private static readonly (string Suffix, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; returns the duration, or null with <paramref name="problem"/> set.</summary>
    public static TimeSpan? Parse(string text, out string? problem)
    {
        problem = null;
        var expected = $"expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got '{text}'";
        if (text.Length == 0 || text.Length > 64)
        {
            problem = expected;
            return null;
        }

        double ticks = 0;
        var position = 0;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            var number = text[start..position];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1
                || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                problem = expected;
                return null;
            }

            var unit = Units.Where(unit => string.CompareOrdinal(text, position, unit.Suffix, 0, unit.Suffix.Length) == 0)
                .OrderByDescending(unit => unit.Suffix.Length).FirstOrDefault();
            if (unit.Suffix is null)
            {
                // Go: "missing unit in duration" / "unknown unit"; the one exception, a bare "0", is no timeout here either.
                problem = expected;
                return null;
            }

            position += unit.Suffix.Length;
            ticks += value * unit.Ticks;
        }

        if (ticks < TimeSpan.TicksPerSecond)
        {
            problem = $"a rollout timeout must be at least 1s, got '{text}'";
            return null;
        }

        if (ticks > Maximum.Ticks)
        {
            problem = $"a rollout timeout may be at most 24h, got '{text}'";
            return null;
        }

        return TimeSpan.FromTicks((long)ticks);
    }
}
