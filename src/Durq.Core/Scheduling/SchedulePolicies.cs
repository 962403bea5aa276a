namespace Durq.Core.Scheduling;

/// <summary>What a fire does while the schedule's previous task has not finished.</summary>
internal enum ScheduleOverlap
{
    /// <summary>Enqueue anyway: runs of the schedule may overlap.</summary>
    Allow,

    /// <summary>Enqueue nothing and record the fire time as skipped.</summary>
    Skip,
}

/// <summary>What a schedule does with the fire times it missed (the server was down, or the schedule paused).</summary>
internal enum ScheduleCatchUp
{
    /// <summary>Fire none of them: only a time missed by less than <see cref="ScheduleFiring.Grace"/> still fires.</summary>
    None,

    /// <summary>Fire the most recent missed time once.</summary>
    One,

    /// <summary>Fire every missed time, oldest first, up to <see cref="ScheduleFiring.MaxCatchUp"/>.</summary>
    All,
}

/// <summary>Why a row of a schedule's executions was written: a cron fire time, or an operator's trigger.</summary>
internal enum ExecutionKind
{
    Cron,
    Trigger,
}

/// <summary>What became of one execution: a task was enqueued, or it was skipped (<see cref="ScheduleOverlap.Skip"/>).</summary>
internal enum ExecutionOutcome
{
    Fired,
    Skipped,
}

/// <summary>The wire and storage names of the schedule policies (API.md, "Schedules").</summary>
internal static class SchedulePolicyNames
{
    public static readonly IReadOnlyList<string> Overlaps = ["allow", "skip"];
    public static readonly IReadOnlyList<string> CatchUps = ["none", "one", "all"];

    public static string ToWire(this ScheduleOverlap overlap) => overlap switch
    {
        ScheduleOverlap.Allow => "allow",
        ScheduleOverlap.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "Unknown overlap policy."),
    };

    public static string ToWire(this ScheduleCatchUp catchUp) => catchUp switch
    {
        ScheduleCatchUp.None => "none",
        ScheduleCatchUp.One => "one",
        ScheduleCatchUp.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(catchUp), catchUp, "Unknown catch-up policy."),
    };

    public static string ToWire(this ExecutionKind kind) => kind switch
    {
        ExecutionKind.Cron => "cron",
        ExecutionKind.Trigger => "trigger",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown execution kind."),
    };

    public static string ToWire(this ExecutionOutcome outcome) => outcome switch
    {
        ExecutionOutcome.Fired => "fired",
        ExecutionOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown execution outcome."),
    };

    public static ScheduleOverlap? ParseOverlap(string? name) => name switch
    {
        "allow" => ScheduleOverlap.Allow,
        "skip" => ScheduleOverlap.Skip,
        _ => null,
    };

    public static ScheduleCatchUp? ParseCatchUp(string? name) => name switch
    {
        "none" => ScheduleCatchUp.None,
        "one" => ScheduleCatchUp.One,
        "all" => ScheduleCatchUp.All,
        _ => null,
    };

    public static ExecutionKind ParseKind(string name) => name switch
    {
        "cron" => ExecutionKind.Cron,
        "trigger" => ExecutionKind.Trigger,
        _ => throw new FormatException($"'{name}' is not an execution kind."),
    };

    public static ExecutionOutcome ParseOutcome(string name) => name switch
    {
        "fired" => ExecutionOutcome.Fired,
        "skipped" => ExecutionOutcome.Skipped,
        _ => throw new FormatException($"'{name}' is not an execution outcome."),
    };
}
