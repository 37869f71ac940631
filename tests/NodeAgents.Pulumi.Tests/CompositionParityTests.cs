using System.Collections.Immutable;
using NodeAgents.Building;
using NodeAgents.Program;
using NodeAgents.Pulumi.Tests.Support;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// A stack with two instances of one preset, the catalog's DCGM and Windows exporters, the Windows Fluent Bit and a custom agent with an init container, a sidecar and every extra volume
/// kind, read through Pulumi's structured config: the program registers what the offline render writes, field by field.
/// </summary>
[Collection(PulumiCollection.Name)]
public class CompositionParityTests
{
    private const string Stack = """
        config:
          node-agents:agents:
            falco:
              preset: falco
            dcgm:
              preset: dcgm-exporter
            windows-exporter:
              preset: windows-exporter
            fluent-bit-windows:
              preset: fluent-bit-windows
              output: {type: forward, host: fluentd-aggregator.logging.svc, tls: true, sharedKey: generate}
            falco-gpu:
              preset: falco
              mode: audit
              nodeSelector: {kubernetes.io/os: linux, nvidia.com/gpu.present: "true"}
            dcgm-exporter:
              role: gpu
              image: nvcr.io/nvidia/k8s/dcgm-exporter:3.3.9-3.6.0-ubuntu22.04
              nodeSelector: {kubernetes.io/os: linux, nvidia.com/gpu.present: "true"}
              args: ["-f", "/etc/dcgm-exporter/dcp-metrics-included.csv"]
              ports: [{name: metrics, containerPort: 9400}]
              startupProbe: {httpGet: {path: /health, port: 9400}, failureThreshold: 30}
              securityContext: {capabilities: {add: [SYS_ADMIN]}, runAsNonRoot: false}
              podSecurityContext: {fsGroup: 2000, supplementalGroups: [44], supplementalGroupsPolicy: Merge, seLinuxChangePolicy: MountOption}
              hostIPC: true
              dnsConfig: {options: [{name: ndots, value: "2"}], searches: [gpu.svc.cluster.local]}
              imagePullSecrets: [{name: ngc}]
              daemonSetLabels: {team: ml}
              daemonSetAnnotations: {owner: ml-platform}
              initContainers:
                - name: wait-driver
                  image: busybox:1.36
                  command: [sh, -c, "test -e /run/nvidia/validations/driver-ready"]
                  volumeMounts: [{name: run-nvidia, mountPath: /run/nvidia}]
              sidecars:
                - name: kube-rbac-proxy
                  image: quay.io/brancz/kube-rbac-proxy:v0.18.1
                  args: ["--secure-listen-address=:9401", "--upstream=http://127.0.0.1:9400/"]
                  ports: [{name: https, containerPort: 9401}]
                  resources: {requests: {cpu: 10m, memory: 20Mi}}
                  env: [{name: GOMAXPROCS, value: "1"}]
                  readinessProbe: {tcpSocket: {port: 9401}}
              volumes:
                - {name: run-nvidia, hostPath: {path: /run/nvidia, type: DirectoryOrCreate}}
                - {name: metrics-csv, configMap: {name: dcgm-metrics, items: [{key: metrics.csv, path: dcp-metrics-included.csv}]}}
                - {name: tls, secret: {secretName: dcgm-tls, defaultMode: 288}}
                - {name: scratch, emptyDir: {sizeLimit: 64Mi}}
                - {name: token, projected: {sources: [{serviceAccountToken: {audience: metrics, expirationSeconds: 3600, path: token}}]}}
              volumeMounts:
                - {name: run-nvidia, mountPath: /run/nvidia}
                - {name: metrics-csv, mountPath: /etc/dcgm-exporter}
                - {name: tls, mountPath: /tls}
                - {name: scratch, mountPath: /tmp}
                - {name: token, mountPath: /var/run/secrets/metrics}
        """;

    [Fact]
    public async Task Two_instances_and_a_custom_agent_with_sidecar_init_container_and_volumes_register_as_rendered()
    {
        var folder = Directory.CreateTempSubdirectory("composition-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "Pulumi.yaml"), Path.Combine(folder, "Pulumi.yaml"));
            File.WriteAllText(Path.Combine(folder, "Pulumi.compose.yaml"), Stack);
            var input = StackFiles.Load(folder, "compose");
            var offline = StackBinder.Bind(input);
            var expected = ManifestSet.Build(offline.Agents, offline.PartOf).Objects;
            var (config, secretKeys) = StackConfigJson.From(input);
            var engine = new MockEngine();
            await engine.RunAsync(StackProgram.Run, "compose", config, secretKeys);

            var registered = engine.KubernetesObjects();
            Assert.Equal(
                expected.Select(obj => $"{obj.Kind}/{obj.Metadata.Name}").Order(StringComparer.Ordinal),
                registered.Select(obj => $"{obj.Kind}/{obj.Name}").Order(StringComparer.Ordinal));
            Assert.Equal(6, registered.Count(obj => obj.Kind == "DaemonSet"));
            foreach (var obj in expected)
            {
                var inputs = registered.Single(r => r.Kind == obj.Kind && r.Name == obj.Metadata.Name).Inputs;
                // The only difference allowed: the generated shared key, a deploy-time value the offline render leaves out.
                var hasSecret = offline.Agents.Any(agent => agent.Name == obj.Metadata.Name && agent.SecretEnv.Count > 0);
                ObjectJson.AssertSame($"{obj.Kind}/{obj.Metadata.Name}", ObjectJson.FromModel(obj), ObjectJson.FromInputsWithoutDeployTimeValues(obj.Kind, inputs, hasSecret));
            }

            // The comparison covered the new fields: they are in what was rendered.
            var daemonSet = expected.OfType<k8s.Models.V1DaemonSet>().Single(ds => ds.Metadata.Name == "dcgm-exporter");
            var leaves = ObjectJson.Leaves(ObjectJson.FromModel(daemonSet));
            foreach (var leaf in new[]
            {
                "metadata.annotations.owner=\"ml-platform\"",
                "metadata.labels.team=\"ml\"",
                "spec.template.spec.initContainers[0].name=\"wait-driver\"",
                "spec.template.spec.initContainers[0].volumeMounts[0].readOnly=true",
                "spec.template.spec.containers[1].name=\"kube-rbac-proxy\"",
                "spec.template.spec.containers[1].readinessProbe.tcpSocket.port=9401",
                "spec.template.spec.containers[0].startupProbe.failureThreshold=30",
                "spec.template.spec.volumes[1].configMap.items[0].path=\"dcp-metrics-included.csv\"",
                "spec.template.spec.volumes[2].secret.defaultMode=288",
                "spec.template.spec.volumes[3].emptyDir.sizeLimit=\"64Mi\"",
                "spec.template.spec.volumes[4].projected.sources[0].serviceAccountToken.expirationSeconds=3600",
                "spec.template.spec.imagePullSecrets[0].name=\"ngc\"",
                "spec.template.spec.securityContext.fsGroup=2000",
                "spec.template.spec.securityContext.supplementalGroups[0]=44",
                "spec.template.spec.securityContext.supplementalGroupsPolicy=\"Merge\"",
                "spec.template.spec.securityContext.seLinuxChangePolicy=\"MountOption\"",
                "spec.template.spec.hostIPC=true",
                "spec.template.spec.dnsConfig.options[0].value=\"2\"",
            })
            {
                Assert.Contains(leaf, leaves);
            }

            // And the Windows Fluent Bit's: spec.os, Windows paths, the Windows build selector.
            var windows = ObjectJson.Leaves(ObjectJson.FromModel(expected.OfType<k8s.Models.V1DaemonSet>().Single(ds => ds.Metadata.Name == "fluent-bit-windows")));
            foreach (var leaf in new[]
            {
                "spec.template.spec.os.name=\"windows\"",
                "spec.template.spec.nodeSelector.node.kubernetes.io/windows-build=\"10.0.20348\"",
                "spec.template.spec.volumes[0].hostPath.path=\"C:\\\\var\\\\log\"",
            })
            {
                Assert.Contains(leaf, windows);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
