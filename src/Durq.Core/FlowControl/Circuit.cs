namespace Durq.Core.FlowControl;

/// <summary>Closed: tasks run. Open: nothing of the type is claimed. Half-open: one probe task runs to see whether it works again.</summary>
internal enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// An activity type's circuit breaker as stored, and every transition it makes: the one place they are decided. It
/// counts failed attempts in a row; at the threshold it opens; after <see cref="CircuitSettings.OpenSeconds"/> the next
/// claim takes one probe (half-open); the probe's success closes it and its failure opens it again. An operator may force
/// it open (it then stays open until closed) or closed.
/// </summary>
/// <param name="ProbeTaskId">The task claimed as the half-open probe, while it runs.</param>
/// <param name="Forced">Opened by an operator: no probe runs until an operator closes it.</param>
/// <param name="ChangedAt">When it last changed state (or was created).</param>
internal sealed record Circuit(
    CircuitState State, int ConsecutiveFailures, DateTimeOffset? OpenedAt, Guid? ProbeTaskId, bool Forced, DateTimeOffset? ChangedAt)
{
    public static readonly Circuit Closed = new(CircuitState.Closed, 0, null, null, false, null);

    /// <summary>Whether it is closed, counts no failure and was not forced: the state a type without a row has.</summary>
    public bool IsAtRest => State == CircuitState.Closed && ConsecutiveFailures == 0 && !Forced;

    /// <summary>
    /// The probe task whose state decides whether a half-open breaker lets another probe through (it does once that
    /// task is no longer claimed); null in any other state.
    /// </summary>
    public Guid? ProbeToCheck => State == CircuitState.HalfOpen ? ProbeTaskId : null;

    /// <summary>When an open breaker lets its probe through (null while closed, half-open, or forced open).</summary>
    public DateTimeOffset? ProbeDueAt(CircuitSettings? settings) =>
        State == CircuitState.Open && !Forced && OpenedAt is { } opened
            ? opened.AddSeconds(settings?.OpenSeconds ?? 0)
            : null;

    /// <summary>
    /// How many tasks a claim may take at <paramref name="now"/>: null for no limit, 0 while open (or while the probe
    /// runs), 1 for the probe. <paramref name="probeRunning"/>: whether the last probe task is still claimed.
    /// </summary>
    public int? ClaimsAllowed(CircuitSettings? settings, DateTimeOffset now, bool probeRunning) => State switch
    {
        CircuitState.Closed => null,
        CircuitState.Open => ProbeDueAt(settings) <= now ? 1 : 0,
        _ => probeRunning ? 0 : 1,
    };

    /// <summary>The breaker once a claim took <paramref name="probeTaskId"/> as its probe: half-open, waiting for it.</summary>
    public Circuit ProbeClaimed(Guid probeTaskId, DateTimeOffset now) =>
        this with { State = CircuitState.HalfOpen, ProbeTaskId = probeTaskId, ChangedAt = State == CircuitState.HalfOpen ? ChangedAt : now };

    /// <summary>After a failed attempt of the type: one more in a row, and open at the threshold (or when the probe failed).</summary>
    public Circuit AfterFailure(CircuitSettings? settings, DateTimeOffset now)
    {
        var failures = ConsecutiveFailures + 1;
        var opens = State == CircuitState.HalfOpen
            || (State == CircuitState.Closed && settings is not null && failures >= settings.FailureThreshold);
        return opens
            ? new Circuit(CircuitState.Open, failures, now, null, Forced, now)
            : this with { ConsecutiveFailures = failures };
    }

    /// <summary>After a successful attempt: closed with no failures counted, unless an operator holds it open.</summary>
    public Circuit AfterSuccess(DateTimeOffset now) =>
        Forced ? this : IsAtRest ? this : Closed with { ChangedAt = State == CircuitState.Closed ? ChangedAt : now };

    /// <summary>Forced open by an operator: nothing is claimed, and no probe runs, until it is closed.</summary>
    public Circuit ForcedOpen(DateTimeOffset now) => new(CircuitState.Open, ConsecutiveFailures, now, null, true, now);

    /// <summary>Closed by an operator: counting starts again.</summary>
    public Circuit ForcedClosed(DateTimeOffset now) => Closed with { ChangedAt = State == CircuitState.Closed ? ChangedAt : now };
}

/// <summary>A breaker that changed state, as the log (and the event stream) tell it.</summary>
internal sealed record CircuitTransition(string Tenant, string ActivityType, CircuitState From, CircuitState To, bool Forced);
