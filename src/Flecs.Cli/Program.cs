using System.CommandLine;

var root = new RootCommand("FLECS — flexible energy contracts on a Proof-of-Authority ledger.");
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
