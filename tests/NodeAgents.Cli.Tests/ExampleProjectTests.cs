using k8s.Models;
using NodeAgents.Rendering;

namespace NodeAgents.Cli.Tests;

/// <summary>examples/seed-fluentd: the article's fluentd DaemonSet from stack config alone.</summary>
public class ExampleProjectTests
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "examples", "seed-fluentd");

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_fluentd_example_renders_the_articles_DaemonSet_and_validates_with_one_warning_for_its_missing_requests()
    {
        var (exit, stdout, stderr) = Run("render", "--project-dir", Example, "--stack", "example", "--stdout");

        Assert.True(exit == 0, stderr);
        var daemonSet = YamlReader.Deserialize<V1DaemonSet>(stdout.Split("\n---\n").Single(document => document.Contains("kind: DaemonSet", StringComparison.Ordinal)));
        Assert.Equal("fluentd", daemonSet.Metadata.Name);
        Assert.Equal("logging", daemonSet.Metadata.Labels["app.kubernetes.io/component"]);
        var pod = daemonSet.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal("fluent/fluentd:v1.12-1", container.Image);
        var config = pod.Volumes.Single(volume => volume.Name == "fluentd-config");
        Assert.Equal("fluentd-config", config.ConfigMap.Name);
        var varlog = pod.Volumes.Single(volume => volume.Name == "varlog");
        Assert.Equal(("/var/log", "DirectoryOrCreate"), (varlog.HostPath.Path, varlog.HostPath.Type));
        Assert.Equal("/fluentd/etc", container.VolumeMounts.Single(mount => mount.Name == "fluentd-config").MountPath);
        var logMount = container.VolumeMounts.Single(mount => mount.Name == "varlog");
        Assert.Equal("/var/log", logMount.MountPath);
        // Secure defaults hold for a custom agent: the hostPath mount is read-only, every capability dropped, no API token.
        Assert.True(logMount.ReadOnlyProperty);
        Assert.Null(container.VolumeMounts.Single(mount => mount.Name == "fluentd-config").ReadOnlyProperty);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(pod.AutomountServiceAccountToken);

        var folder = Path.Combine(Path.GetTempPath(), "seed-fluentd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (outExit, outText, outErr) = Run("render", "--project-dir", Example, "--stack", "example", "--out", folder);
            Assert.True(outExit == 0, outErr);
            Assert.Contains("stack example: 1 agent, 3 objects → ", outText, StringComparison.Ordinal);
            Assert.Equal(3, Directory.GetFiles(folder, "*.yaml").Length);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var (validateExit, validateOut, validateErr) = Run("validate", "--project-dir", Example, "--stack", "example");
        Assert.True(validateExit == 0, validateErr);
        // The article's DaemonSet sets no resources: validate passes and says what that costs (container-requests-unset).
        Assert.Contains("stack example: 0 errors, 1 warning", validateOut + validateErr, StringComparison.Ordinal);
        var (_, json, _) = Run("validate", "--project-dir", Example, "--stack", "example", "-o", "json");
        Assert.Contains("\"rule\": \"container-requests-unset\"", json, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"spec.template.spec.containers[0].resources.requests\"", json, StringComparison.Ordinal);
    }
}
