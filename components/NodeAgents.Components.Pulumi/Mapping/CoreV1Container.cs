using k8s.Models;
using static NodeAgents.Pulumi.Mapping.Values;
using Core = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>core/v1 container level: the container, env, ports, resources, probes, securityContext and volumeMounts.</summary>
internal static class CoreV1Container
{
    /// <summary>The container fields the core sets.</summary>
    public static Core.ContainerArgs Container(V1Container source) => new()
    {
        Name = source.Name,
        Image = source.Image,
        ImagePullPolicy = source.ImagePullPolicy,
        Command = Strings(source.Command),
        WorkingDir = source.WorkingDir,
        RestartPolicy = source.RestartPolicy,
        Args = Strings(source.Args),
        Env = List(source.Env, EnvVar),
        Ports = List(source.Ports, port => new Core.ContainerPortArgs
        {
            Name = port.Name,
            ContainerPortValue = port.ContainerPort,
            HostPort = Int(port.HostPort),
            HostIP = port.HostIP,
            Protocol = port.Protocol,
        }),
        Resources = Optional(source.Resources, resources => new Core.ResourceRequirementsArgs
        {
            Requests = Quantities(resources.Requests),
            Limits = Quantities(resources.Limits),
        }),
        LivenessProbe = Optional(source.LivenessProbe, Probe),
        ReadinessProbe = Optional(source.ReadinessProbe, Probe),
        StartupProbe = Optional(source.StartupProbe, Probe),
        SecurityContext = Optional(source.SecurityContext, SecurityContext),
        VolumeMounts = List(source.VolumeMounts, mount => new Core.VolumeMountArgs
        {
            Name = mount.Name,
            MountPath = mount.MountPath,
            SubPath = mount.SubPath,
            ReadOnly = Flag(mount.ReadOnlyProperty),
            MountPropagation = mount.MountPropagation,
        }),
    };

    /// <summary>An env var: a value, or valueFrom fieldRef, secretKeyRef, configMapKeyRef or resourceFieldRef.</summary>
    public static Core.EnvVarArgs EnvVar(V1EnvVar source) => new()
    {
        Name = source.Name,
        Value = source.Value,
        ValueFrom = Optional(source.ValueFrom, from => new Core.EnvVarSourceArgs
        {
            FieldRef = Optional(from.FieldRef, field => new Core.ObjectFieldSelectorArgs { ApiVersion = field.ApiVersion, FieldPath = field.FieldPath }),
            SecretKeyRef = Optional(from.SecretKeyRef, secret => new Core.SecretKeySelectorArgs { Name = secret.Name, Key = secret.Key, Optional = Flag(secret.Optional) }),
            ConfigMapKeyRef = Optional(from.ConfigMapKeyRef, map => new Core.ConfigMapKeySelectorArgs { Name = map.Name, Key = map.Key, Optional = Flag(map.Optional) }),
            ResourceFieldRef = Optional(from.ResourceFieldRef, field => new Core.ResourceFieldSelectorArgs
            {
                ContainerName = field.ContainerName,
                Resource = field.Resource,
                Divisor = Text(field.Divisor?.ToString()),
            }),
        }),
    };

    /// <summary>A probe: exec, httpGet, tcpSocket or grpc, with its timings and thresholds (seconds, counts).</summary>
    public static Core.ProbeArgs Probe(V1Probe source) => new()
    {
        Exec = Optional(source.Exec, exec => new Core.ExecActionArgs { Command = Strings(exec.Command) }),
        HttpGet = Optional(source.HttpGet, http => new Core.HTTPGetActionArgs
        {
            Host = http.Host,
            Path = http.Path,
            Port = IntOrString(http.Port),
            Scheme = http.Scheme,
            HttpHeaders = List(http.HttpHeaders, header => new Core.HTTPHeaderArgs { Name = header.Name, Value = header.Value }),
        }),
        TcpSocket = Optional(source.TcpSocket, tcp => new Core.TCPSocketActionArgs { Host = tcp.Host, Port = IntOrString(tcp.Port) }),
        Grpc = Optional(source.Grpc, grpc => new Core.GRPCActionArgs { Port = grpc.Port, Service = grpc.Service }),
        InitialDelaySeconds = Int(source.InitialDelaySeconds),
        PeriodSeconds = Int(source.PeriodSeconds),
        TimeoutSeconds = Int(source.TimeoutSeconds),
        SuccessThreshold = Int(source.SuccessThreshold),
        FailureThreshold = Int(source.FailureThreshold),
        TerminationGracePeriodSeconds = Int(source.TerminationGracePeriodSeconds),
    };

    /// <summary>The container securityContext.</summary>
    public static Core.SecurityContextArgs SecurityContext(V1SecurityContext source) => new()
    {
        Privileged = Flag(source.Privileged),
        AllowPrivilegeEscalation = Flag(source.AllowPrivilegeEscalation),
        ReadOnlyRootFilesystem = Flag(source.ReadOnlyRootFilesystem),
        RunAsNonRoot = Flag(source.RunAsNonRoot),
        RunAsUser = Int(source.RunAsUser),
        RunAsGroup = Int(source.RunAsGroup),
        ProcMount = source.ProcMount,
        Capabilities = Optional(source.Capabilities, capabilities => new Core.CapabilitiesArgs
        {
            Add = Strings(capabilities.Add),
            Drop = Strings(capabilities.Drop),
        }),
        SeccompProfile = Optional(source.SeccompProfile, seccomp => new Core.SeccompProfileArgs { Type = seccomp.Type, LocalhostProfile = seccomp.LocalhostProfile }),
        AppArmorProfile = Optional(source.AppArmorProfile, appArmor => new Core.AppArmorProfileArgs { Type = appArmor.Type, LocalhostProfile = appArmor.LocalhostProfile }),
        SeLinuxOptions = Optional(source.SeLinuxOptions, selinux => new Core.SELinuxOptionsArgs
        {
            User = selinux.User,
            Role = selinux.Role,
            Type = selinux.Type,
            Level = selinux.Level,
        }),
        WindowsOptions = Optional(source.WindowsOptions, WindowsOptions),
    };

    /// <summary>The Windows options of a container or pod securityContext (HostProcess, user name, GMSA).</summary>
    public static Core.WindowsSecurityContextOptionsArgs WindowsOptions(V1WindowsSecurityContextOptions windows) => new()
    {
        GmsaCredentialSpec = windows.GmsaCredentialSpec,
        GmsaCredentialSpecName = windows.GmsaCredentialSpecName,
        HostProcess = Flag(windows.HostProcess),
        RunAsUserName = windows.RunAsUserName,
    };
}
