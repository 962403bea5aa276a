using System.CommandLine;
using Durq.Cli;

var root = new RootCommand("Durq: a durable task queue server.");
root.Subcommands.Add(ServeCommand.Create());

// The server's host handles Ctrl+C and SIGTERM itself (graceful shutdown), so the parser must not also catch them.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
