namespace NodeAgents.Presets;

/// <summary>A problem with a preset option, found by <see cref="AgentOptions.Check"/>.</summary>
/// <param name="Path">The option's path in camelCase config notation, e.g. <c>output.port</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record OptionProblem(string Path, string Message);
