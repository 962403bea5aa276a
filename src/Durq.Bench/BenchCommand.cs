using System.CommandLine;
using Durq.Bench.Suite;

namespace Durq.Bench;

/// <summary>
/// <c>durq bench</c>: the whole benchmark suite against servers it starts itself (the command's own action), and the
/// single measurements against running servers as subcommands.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var options = new SuiteOptions();
        var command = new Command(
            "bench",
            "Run Durq's benchmark suite (E1, E1-seq, E2, D1, D1-limited, D1-200k, D1-history, L1; beside Hangfire, BullMQ, pg-boss, graphile-worker and an HTTP ceiling where they are installed) on fresh servers and databases.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        foreach (var subcommand in RunningServerCommands.Create())
        {
            command.Subcommands.Add(subcommand);
        }

        command.SetAction(result => new SuiteRunner(options.Read(result)).RunAsync());
        return command;
    }
}
