using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>Registers <see cref="NetworkAgentPreset"/> in the <see cref="PresetCatalog"/> as <c>preset: node-local-dns</c>.</summary>
internal static class NodeLocalDnsEntry
{
    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() =>
        PresetCatalog.Register(new AgentPreset<NetworkAgentOptions>("node-local-dns", AgentRole.Network, options => NetworkAgentPreset.Build(options)));
}
