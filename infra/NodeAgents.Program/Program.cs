using NodeAgents.Program;
using Pulumi;

// `pulumi up` runs this (Pulumi.yaml: main: infra/NodeAgents.Program/).
return await Deployment.RunAsync(StackProgram.Run);
