using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Durq.Bench.Processes;

/// <summary>
/// The servers and peers the suite has started and not yet stopped. If the suite itself is stopped (Ctrl+C, SIGTERM)
/// they are sent SIGTERM too, so no server is left holding a port or a database.
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    public static void Track(Process process) => Running[process.Id] = process;

    public static void Forget(Process process) => Running.TryRemove(process.Id, out _);

    /// <summary>Installs the handlers for the suite's lifetime; the signal then ends this process as usual.</summary>
    public static IDisposable StopOnSignals()
    {
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => TerminateAll()))
            .ToList();
        return new Registrations(registrations);
    }

    /// <summary>SIGTERM, as a service manager stops a server: it finishes what it is doing and exits.</summary>
    public static async Task TerminateAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static void TerminateAll()
    {
        foreach (var process in Running.Values)
        {
            TerminateAsync(process).GetAwaiter().GetResult();
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(registration => registration.Dispose());
    }
}
