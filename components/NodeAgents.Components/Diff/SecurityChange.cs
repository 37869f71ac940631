namespace NodeAgents.Diff;

/// <summary>One security-relevant change of the current render against the base.</summary>
/// <param name="Object">The object now.</param>
/// <param name="Kind">A short class: <c>rbac-wider</c>, <c>privileged</c>, <c>hostPID</c>, <c>hostNetwork</c>, <c>hostIPC</c>,
/// <c>capability-added</c>, <c>writable-hostPath</c>, <c>image-without-digest</c>, <c>tag-changed-digest-kept</c>.</param>
/// <param name="Message">A sentence naming the field and the values.</param>
public sealed record SecurityChange(ObjectKey Object, string Kind, string Message);
