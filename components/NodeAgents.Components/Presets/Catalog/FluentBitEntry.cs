using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>Registers <see cref="LoggingAgentPreset"/> in the <see cref="PresetCatalog"/> as <c>preset: fluent-bit</c>.</summary>
internal static class FluentBitEntry
{
    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() =>
        PresetCatalog.Register(new AgentPreset<LoggingAgentOptions>("fluent-bit", AgentRole.Logging, options => LoggingAgentPreset.Build(options)));
}
