using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>Registers <see cref="SecurityAgentPreset"/> in the <see cref="PresetCatalog"/> as <c>preset: falco</c>.</summary>
internal static class FalcoEntry
{
    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() =>
        PresetCatalog.Register(new AgentPreset<SecurityAgentOptions>("falco", AgentRole.Security, options => SecurityAgentPreset.Build(options)));
}
