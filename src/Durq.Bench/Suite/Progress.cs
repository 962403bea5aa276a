namespace Durq.Bench.Suite;

/// <summary>Progress lines on stderr, timestamped, so stdout carries only the results table.</summary>
internal static class Progress
{
    public static void Line(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
