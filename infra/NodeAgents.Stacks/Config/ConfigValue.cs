using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>One stack config value as read: its node tree, the file it came from, and whether it is a <c>secure:</c> value.</summary>
/// <param name="Node">The value; for a secure value, the <c>{secure: …}</c> mapping itself (never decrypted).</param>
/// <param name="File">The file it came from, e.g. <c>Pulumi.dev.yaml</c>, or <c>Pulumi.yaml</c> for a project default.</param>
/// <param name="IsSecret">True for a <c>secure:</c> value.</param>
public sealed record ConfigValue(YamlNode Node, string File, bool IsSecret);
