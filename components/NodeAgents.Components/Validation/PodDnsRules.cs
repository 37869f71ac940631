using System.Net;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// The pod's <c>dnsConfig</c> (k8s.io/kubernetes pkg/apis/core/validation validatePodDNSConfig and its limits
/// MaxDNSNameservers = 3, MaxDNSSearchPaths = 32, MaxDNSSearchListChars = 2048): at most three nameservers, each an IP
/// address; at most 32 search domains, each a DNS-1123 subdomain (a trailing dot allowed), 2048 characters in all;
/// every option named; <c>dnsPolicy: None</c> needs at least one nameserver.
/// </summary>
internal static class PodDnsRules
{
    public const int MaxNameservers = 3;
    public const int MaxSearchPaths = 32;
    public const int MaxSearchListChars = 2048;

    public static readonly ValidationRule Nameservers = new("dns-config-nameservers-invalid", Severity.Error, Sources.Core + "validatePodDNSConfig (MaxDNSNameservers, ValidateIPAddress)", "at most 3 nameservers, each an IP address; dnsPolicy None needs at least one");
    public static readonly ValidationRule Searches = new("dns-config-searches-invalid", Severity.Error, Sources.Core + "validatePodDNSConfig (MaxDNSSearchPaths, MaxDNSSearchListChars, IsDNS1123Subdomain)", "at most 32 search domains of 2048 characters in all, each a DNS-1123 subdomain");
    public static readonly ValidationRule OptionName = new("dns-config-option-name-required", Severity.Error, Sources.Core + "validatePodDNSConfig (options[].name: Required)", "every dnsConfig option has a name");

    public static IReadOnlyList<ValidationRule> All { get; } = [Nameservers, Searches, OptionName];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var path = podPath + ".dnsConfig";
        var config = pod.DnsConfig;
        var nameservers = config?.Nameservers ?? [];
        if (pod.DnsPolicy == "None" && nameservers.Count == 0)
        {
            sink.Add(Nameservers, path + ".nameservers", null, "must provide at least one DNS nameserver when dnsPolicy is None");
        }

        if (config is null)
        {
            return;
        }

        if (nameservers.Count > MaxNameservers)
        {
            sink.Add(Nameservers, path + ".nameservers", string.Join(",", nameservers), $"must not have more than {MaxNameservers} nameservers");
        }

        for (var i = 0; i < nameservers.Count; i++)
        {
            if (!IPAddress.TryParse(nameservers[i], out _))
            {
                sink.Add(Nameservers, $"{path}.nameservers[{i}]", nameservers[i], "must be a valid IP address");
            }
        }

        var searches = config.Searches ?? [];
        if (searches.Count > MaxSearchPaths)
        {
            sink.Add(Searches, path + ".searches", null, $"must not have more than {MaxSearchPaths} search paths");
        }

        if (string.Join(" ", searches).Length > MaxSearchListChars)
        {
            sink.Add(Searches, path + ".searches", null, $"must not have more than {MaxSearchListChars} characters (including spaces) in the search list");
        }

        for (var i = 0; i < searches.Count; i++)
        {
            // A search domain may end with a dot (an absolute name); the rest must be a subdomain.
            if (KubernetesNames.Dns1123Subdomain(searches[i].EndsWith('.') ? searches[i][..^1] : searches[i]) is { } error)
            {
                sink.Add(Searches, $"{path}.searches[{i}]", searches[i], error);
            }
        }

        var options = config.Options ?? [];
        for (var i = 0; i < options.Count; i++)
        {
            if (string.IsNullOrEmpty(options[i].Name))
            {
                sink.Add(OptionName, $"{path}.options[{i}].name", null, "an option needs a name (e.g. ndots)");
            }
        }
    }
}
