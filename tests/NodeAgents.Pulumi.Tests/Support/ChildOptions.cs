using global::Pulumi;

namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>
/// Records the final options of every custom resource under a component: a component's resource transformations apply
/// to it and its children and see each child's options as registered.
/// </summary>
public static class ChildOptions
{
    /// <summary>Component options whose transformation appends (type, name, options) of each custom child to <paramref name="seen"/>.</summary>
    public static ComponentResourceOptions Recording(List<(string Type, string Name, CustomResourceOptions Options)> seen) => new()
    {
        ResourceTransformations =
        {
            args =>
            {
                if (args.Options is CustomResourceOptions custom)
                {
                    seen.Add((args.Resource.GetResourceType(), args.Resource.GetResourceName(), custom));
                }

                return null;
            },
        },
    };
}
