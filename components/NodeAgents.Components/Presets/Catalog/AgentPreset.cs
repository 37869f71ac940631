using System.Diagnostics.CodeAnalysis;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>
/// One entry of the <see cref="PresetCatalog"/>: a named preset (e.g. <c>fluent-bit</c>), the role its agents get, the
/// options type the stack config binds onto and the function that builds a spec from those options.
/// </summary>
public abstract class AgentPreset
{
    /// <summary>The catalog name that stack config writes as <c>preset:</c>, e.g. <c>fluent-bit</c> (a DNS-1123 label).</summary>
    public abstract string Name { get; }

    /// <summary>The role of the agents this preset builds (<c>app.kubernetes.io/component</c>).</summary>
    public abstract AgentRole Role { get; }

    /// <summary>The options record the config binds onto (public settable properties, a parameterless constructor).</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public abstract Type OptionsType { get; }

    /// <summary>Builds the agent's spec from options of <see cref="OptionsType"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not of <see cref="OptionsType"/>.</exception>
    public abstract NodeAgentSpec Build(AgentOptions options);
}

/// <summary>A catalog entry whose options are <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The preset's options record.</typeparam>
public sealed class AgentPreset<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : AgentPreset
    where TOptions : AgentOptions
{
    private readonly Func<TOptions, NodeAgentSpec> build;

    /// <summary>Creates the entry.</summary>
    /// <param name="name">The catalog name (see <see cref="AgentPreset.Name"/>).</param>
    /// <param name="role">The role of its agents.</param>
    /// <param name="build">Builds a spec from the options.</param>
    public AgentPreset(string name, AgentRole role, Func<TOptions, NodeAgentSpec> build)
    {
        Name = name;
        Role = role;
        this.build = build;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override AgentRole Role { get; }

    /// <inheritdoc />
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public override Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public override NodeAgentSpec Build(AgentOptions options) =>
        options is TOptions typed ? build(typed) : throw new ArgumentException($"preset '{Name}' takes {typeof(TOptions).Name}, got {options.GetType().Name}", nameof(options));
}
