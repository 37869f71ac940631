namespace NodeAgents.Diff;

/// <summary>
/// One field that differs between the base and the current object.
/// </summary>
/// <param name="Path">
/// The field path, with list items that Kubernetes treats as maps named by their key, e.g.
/// <c>spec.template.spec.containers[fluent-bit].image</c>, <c>…ports[9100/TCP].hostPort</c>, and map keys that contain
/// dots or slashes in brackets, e.g. <c>spec.template.metadata.annotations[nodeagents.io/config-sha256]</c>.
/// </param>
/// <param name="Before">The base value as compact JSON; null when the field is new.</param>
/// <param name="After">The current value as compact JSON; null when the field was removed.</param>
public sealed record FieldChange(string Path, string? Before, string? After);
