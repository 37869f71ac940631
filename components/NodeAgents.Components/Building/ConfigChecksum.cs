using System.Security.Cryptography;
using System.Text;

namespace NodeAgents.Building;

/// <summary>
/// The checksum annotation on the pod template: a change of config data changes the template and so rolls the pods;
/// nothing else changes it.
/// </summary>
public static class ConfigChecksum
{
    /// <summary>The pod-template annotation key.</summary>
    public const string Annotation = "nodeagents.io/config-sha256";

    /// <summary>
    /// The SHA-256 (64 lower-case hex digits) of the ConfigMap data: for each entry in ordinal key order,
    /// the UTF-8 bytes of key, a NUL, value, a NUL. Independent of insertion order.
    /// </summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
