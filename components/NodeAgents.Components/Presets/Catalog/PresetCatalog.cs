namespace NodeAgents.Presets.Catalog;

/// <summary>
/// The registry of presets that stack config names with <c>preset:</c>. Each preset registers itself from its own file
/// (a module initializer in this assembly, or <see cref="Register"/> from another one before binding), so adding a
/// preset is one new file and no edit of the binder. Listed by name.
/// </summary>
public static class PresetCatalog
{
    private static readonly object Gate = new();
    private static readonly SortedDictionary<string, AgentPreset> Presets = new(StringComparer.Ordinal);

    /// <summary>Every registered preset, ordered by name.</summary>
    public static IReadOnlyList<AgentPreset> All
    {
        get
        {
            lock (Gate)
            {
                return [.. Presets.Values];
            }
        }
    }

    /// <summary>Adds <paramref name="preset"/>.</summary>
    /// <exception cref="ArgumentException">A preset of the same name is registered already.</exception>
    public static void Register(AgentPreset preset)
    {
        lock (Gate)
        {
            if (!Presets.TryAdd(preset.Name, preset))
            {
                throw new ArgumentException($"a preset named '{preset.Name}' is registered already", nameof(preset));
            }
        }
    }

    /// <summary>The preset named <paramref name="name"/>, or null.</summary>
    public static AgentPreset? Find(string name)
    {
        lock (Gate)
        {
            return Presets.GetValueOrDefault(name);
        }
    }
}
