namespace NodeAgents.Model;

/// <summary>
/// A directory or file of the node mounted into the agent's container: one <c>hostPath</c>
/// volume plus its <c>volumeMount</c>. Read-only unless <see cref="Writable"/> is set.
/// </summary>
/// <param name="Name">The volume name (DNS-1123 label, at most 63 characters).</param>
/// <param name="Path">The absolute path on the node, e.g. <c>/var/log</c>.</param>
/// <param name="MountPath">The absolute path inside the container.</param>
/// <param name="Type">
/// The <c>hostPath.type</c>, one of <see cref="HostPathTypes.All"/>; empty (the default) performs no check.
/// </param>
/// <param name="Writable">False (the default) mounts read-only.</param>
/// <param name="MountPropagation">
/// <c>None</c> (null, the default), <c>HostToContainer</c> or <c>Bidirectional</c> (privileged containers only).
/// </param>
public sealed record HostPathMount(
    string Name,
    string Path,
    string MountPath,
    string Type = HostPathTypes.Unset,
    bool Writable = false,
    string? MountPropagation = null);

/// <summary>
/// The eight values of <c>hostPath.type</c>, as listed in the Kubernetes "Volumes" documentation
/// (hostPath section) and the API's <c>HostPathType</c> enumeration.
/// </summary>
public static class HostPathTypes
{
    /// <summary>Empty string: no check before mounting (the API default).</summary>
    public const string Unset = "";

    /// <summary>Creates an empty directory (0755) when nothing exists at the path.</summary>
    public const string DirectoryOrCreate = "DirectoryOrCreate";

    /// <summary>A directory must exist at the path.</summary>
    public const string Directory = "Directory";

    /// <summary>Creates an empty file (0644) when nothing exists at the path.</summary>
    public const string FileOrCreate = "FileOrCreate";

    /// <summary>A file must exist at the path.</summary>
    public const string File = "File";

    /// <summary>A UNIX socket must exist at the path.</summary>
    public const string Socket = "Socket";

    /// <summary>A character device must exist at the path.</summary>
    public const string CharDevice = "CharDevice";

    /// <summary>A block device must exist at the path.</summary>
    public const string BlockDevice = "BlockDevice";

    /// <summary>All eight values, the empty one first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Unset, DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice];

    /// <summary>The types that make a pod fail on a node where the path does not already exist.</summary>
    public static IReadOnlyList<string> MustExist { get; } = [Directory, File, Socket, CharDevice, BlockDevice];
}
