using System.CommandLine;
using Durq.Cli.Commands;
using Durq.Cli.Parsing;

var root = new RootCommand("Durq: a durable task queue server.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(EnqueueCommand.Create());
root.Subcommands.Add(TasksCommand.Create());
root.Subcommands.Add(DlqCommand.Create());
root.Subcommands.Add(WorkersCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
root.Subcommands.Add(TypesCommand.Create());
root.Subcommands.Add(SchedulesCommand.Create());
root.Subcommands.Add(TailCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(Durq.Bench.BenchCommand.Create());
root.Options.Add(Verbose.Option);
ReadableNumbers.Apply(root);

var parsed = root.Parse(args);
if (ParseProblems.Report(parsed))
{
    return ClientAction.Failed;
}

// `serve` and `worker` run a host, which handles Ctrl+C and SIGTERM itself (graceful shutdown), so the parser must not
// also catch them; the client commands simply end.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
