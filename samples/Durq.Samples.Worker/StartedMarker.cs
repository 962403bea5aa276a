namespace Durq.Samples.Worker;

/// <summary>
/// Leaves a file named after a task when its handler starts, so a test can tell the moment a task is running in this
/// process (and kill the process then). Does nothing unless a folder is configured.
/// </summary>
internal static class StartedMarker
{
    public static void Write(string? folder, string taskId)
    {
        if (folder is not null)
        {
            File.WriteAllText(Path.Combine(folder, taskId + ".started"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
