using System.Net;
using System.Text.RegularExpressions;

namespace NodeAgents.Presets;

/// <summary>
/// Checks for option values that end up inside config files or arguments, so that a value can never inject text into
/// them (no whitespace, quotes or line breaks) and is of the kind the agent expects.
/// </summary>
internal static partial class OptionChecks
{
    public static void OneOf(List<OptionProblem> problems, string path, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not one of {string.Join(", ", allowed)}"));
        }
    }

    /// <summary>A DNS-1123 subdomain (RFC 1123 host name) or an IPv4/IPv6 address.</summary>
    public static void Host(List<OptionProblem> problems, string path, string value)
    {
        if (!IPAddress.TryParse(value, out _) && !Subdomain(value))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not a host name (lower-case RFC 1123 subdomain, at most 253 characters) or an IP address"));
        }
    }

    public static void IPv4(List<OptionProblem> problems, string path, string value)
    {
        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !IPv4Pattern().IsMatch(value))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not an IPv4 address such as 169.254.20.10"));
        }
    }

    public static void IP(List<OptionProblem> problems, string path, string value)
    {
        if (!IPAddress.TryParse(value, out _) || value.Contains(' ', StringComparison.Ordinal))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not an IP address"));
        }
    }

    /// <summary>A TCP/UDP port, 1 to 65535 (core validation validatePortNumOrName).</summary>
    public static void Port(List<OptionProblem> problems, string path, int? value)
    {
        if (value is < 1 or > 65535)
        {
            problems.Add(new OptionProblem(path, $"{value} is not a port number (1 to 65535)"));
        }
    }

    public static void Subdomain(List<OptionProblem> problems, string path, string value, string what)
    {
        if (!Subdomain(value))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not {what} (a lower-case RFC 1123 subdomain, at most 253 characters)"));
        }
    }

    /// <summary>
    /// An absolute http or https URL without spaces, quotes or line breaks, and without user information
    /// (<c>user:password@</c>, RFC 3986 section 3.2.1): a URL option is written in plain text into a ConfigMap, so
    /// credentials in it would be readable by anyone who can read ConfigMaps. The message masks them.
    /// </summary>
    public static void HttpUrl(List<OptionProblem> problems, string path, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || UnsafeText().IsMatch(value))
        {
            var shown = uri is { UserInfo.Length: > 0 } ? value.Replace(uri.UserInfo, "***", StringComparison.Ordinal) : value;
            problems.Add(new OptionProblem(path, $"'{shown}' is not an absolute http:// or https:// URL"));
        }
        else if (uri.UserInfo.Length > 0)
        {
            var masked = value.Replace(uri.UserInfo, "***", StringComparison.Ordinal);
            problems.Add(new OptionProblem(path, $"'{masked}' carries credentials before '@', which would be written in plain text into the agent's ConfigMap; remove them and send to a receiver inside the cluster (e.g. falcosidekick) that keeps the credentials of its own outputs in a Secret"));
        }
    }

    /// <summary>A single command-line flag such as <c>--collector.systemd</c>: starts with <c>--</c>, no line breaks.</summary>
    public static void Flag(List<OptionProblem> problems, string path, string value)
    {
        if (!value.StartsWith("--", StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add(new OptionProblem(path, $"'{value}' is not a flag: it must start with '--' and be on one line"));
        }
    }

    private static bool Subdomain(string value) => Validation.KubernetesNames.Dns1123Subdomain(value) is null;


    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex("[\\s\"'`\\\\]")]
    private static partial Regex UnsafeText();
}
