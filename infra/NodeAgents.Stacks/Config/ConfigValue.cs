using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>One stack config value as read: its node tree, the file it came from, and whether it is a <c>secure:</c> value.</summary>
/// <param name="Node">The value; for a secure value, the <c>{secure: …}</c> mapping itself (never decrypted).</param>
/// <param name="File">The file it came from, e.g. <c>Pulumi.dev.yaml</c>, or <c>Pulumi.yaml</c> for a project default.</param>
/// <param name="IsSecret">True for a <c>secure:</c> value.</param>
/// <param name="Key">The key's own node, for positions of key-level problems; null when the input has no positions.</param>
public sealed record ConfigValue(YamlNode Node, string File, bool IsSecret, YamlNode? Key = null)
{
    /// <summary>The 1-based line and column of the key (else of the value); (0, 0) when unknown.</summary>
    public (long Line, long Column) KeyPosition => Key is { } key ? (key.Start.Line, key.Start.Column) : (Node.Start.Line, Node.Start.Column);
}
