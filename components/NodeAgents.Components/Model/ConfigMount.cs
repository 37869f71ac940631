namespace NodeAgents.Model;

/// <summary>
/// How the agent's config files (its ConfigMap) appear in the container.
/// </summary>
/// <param name="MountPath">The absolute directory the files appear in, e.g. <c>/fluent-bit/etc</c>.</param>
/// <param name="PerFile">
/// False (the default) mounts the whole ConfigMap over <paramref name="MountPath"/>, hiding what the image has there;
/// true mounts each file alone with <c>subPath</c>, keeping the image's other files (subPath mounts do not see
/// later ConfigMap updates, which is harmless here: the checksum annotation rolls the pods on every change).
/// </param>
public sealed record ConfigMount(string MountPath, bool PerFile = false);
