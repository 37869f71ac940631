using System.Text.Json;
using NodeAgents.Input;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests.Stacks;

/// <summary>A custom agent for Windows nodes: <c>os: windows</c> sets spec.os.name and leaves out the Linux secure defaults.</summary>
public class CustomWindowsAgentTests
{
    private const string Agent = """
        config:
          node-agents:agents:
            win-agent:
              role: monitoring
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              nodeSelector: {kubernetes.io/os: windows}
              resources: {requests: {cpu: 50m, memory: 64Mi}}
              initContainers:
                - {name: prepare, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022", command: [cmd, /c, echo]}
              volumes:
                - {name: logs, hostPath: {path: 'C:\var\log', type: DirectoryOrCreate}}
              volumeMounts:
                - {name: logs, mountPath: 'C:\var\log'}
        """;

    [Fact]
    public void With_os_windows_it_renders_a_Windows_pod_without_Linux_fields_and_validates_cleanly()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", Agent.Replace("      role: monitoring\n", "      role: monitoring\n      os: windows\n", StringComparison.Ordinal));

        var agent = StackBinder.Bind(StackFiles.Load(project.Path, "qa")).Agents.Single();
        Assert.Equal("windows", agent.Os);
        Assert.Null(agent.SecurityContext.Capabilities);
        Assert.Null(agent.SecurityContext.SeccompProfile);
        Assert.Null(agent.InitContainers.Single().SecurityContext);
        var (exit, stdout, stderr) = project.Run("validate", "--stack", "qa", "-o", "json");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Empty(JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Without_os_the_secure_defaults_stay_and_validate_warns_what_os_windows_would_reject()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", Agent);

        var (exit, stdout, _) = project.Run("validate", "--stack", "qa", "-o", "json");

        Assert.Equal(0, exit);
        var finding = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("windows-pod-os-not-set", "warning"), (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString()));
        Assert.Contains("initContainers[0].securityContext.capabilities", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Linux_field_given_on_a_Windows_agent_is_an_error_and_an_unknown_os_a_binding_problem()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", Agent.Replace("      role: monitoring\n", "      role: monitoring\n      os: windows\n      securityContext: {runAsUser: 1000}\n", StringComparison.Ordinal));

        var (exit, stdout, _) = project.Run("validate", "--stack", "qa", "-o", "json");

        Assert.Equal(1, exit);
        var finding = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("windows-pod-linux-field", "spec.template.spec.containers[0].securityContext.runAsUser", "1000"),
            (finding.GetProperty("rule").GetString(), finding.GetProperty("path").GetString(), finding.GetProperty("value").GetString()));

        project.Write("Pulumi.bad.yaml", Agent.Replace("      role: monitoring\n", "      role: monitoring\n      os: macos\n", StringComparison.Ordinal));
        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "bad")));
        Assert.Contains(error.Problems, problem => problem.ToString().Contains("node-agents:agents.win-agent.os: 'macos' is not one of linux, windows", StringComparison.Ordinal));
    }
}
