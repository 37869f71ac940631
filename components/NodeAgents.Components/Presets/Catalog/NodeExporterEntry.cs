using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>Registers <see cref="MonitoringAgentPreset"/> in the <see cref="PresetCatalog"/> as <c>preset: node-exporter</c>.</summary>
internal static class NodeExporterEntry
{
    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() =>
        PresetCatalog.Register(new AgentPreset<MonitoringAgentOptions>("node-exporter", AgentRole.Monitoring, options => MonitoringAgentPreset.Build(options)));
}
