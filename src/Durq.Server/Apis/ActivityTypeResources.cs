using Durq.Contracts;
using Durq.Core.Errors;
using Durq.Core.FlowControl;
using Durq.Core.Storage;
using Durq.Core.Validation;
using Durq.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.Apis;

/// <summary>Activity types in routes, checked as an enqueue checks them, so a bad one is a 400 <c>invalid_id</c>.</summary>
internal static class RouteActivityTypes
{
    public static string Parse(string text) => EnqueueRequestParser.IsValidActivityType(text)
        ? text
        : throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidId,
            $"'{(text.Length <= 60 ? text : text[..60] + "…")}' is not an activity type: 1-200 characters of letters, digits and . _ : / -.",
            "Use the activity type as it was enqueued.");
}

/// <summary>How an activity type and its breaker are shown.</summary>
internal static class ActivityTypeResources
{
    public static ActivityTypeResource From(ActivityTypeSummary summary) => new()
    {
        ActivityType = summary.State.ActivityType,
        Pending = summary.Pending,
        Claimed = summary.Claimed,
        Dead = summary.Dead,
        OldestPendingAt = summary.OldestPendingAt,
        Workers = summary.Workers,
        Settings = Settings(summary.State.Settings),
        Circuit = Circuit(summary.State),
    };

    public static CircuitResource Circuit(ActivityTypeState state) => new()
    {
        ActivityType = state.ActivityType,
        State = state.Circuit.State.ToWire(),
        ConsecutiveFailures = state.Circuit.ConsecutiveFailures,
        Forced = state.Circuit.Forced,
        FailureThreshold = state.Settings.Circuit?.FailureThreshold,
        OpenSeconds = state.Settings.Circuit?.OpenSeconds,
        OpenedAt = state.Circuit.State == CircuitState.Closed ? null : state.Circuit.OpenedAt,
        ProbeAt = state.Circuit.ProbeDueAt(state.Settings.Circuit),
        ChangedAt = state.Circuit.ChangedAt,
    };

    private static ActivityTypeSettingsResource Settings(ActivityTypeSettings settings) => new()
    {
        Paused = settings.Paused,
        MaxConcurrency = settings.MaxConcurrency,
        RateLimit = settings.RateLimit is { } rate ? new RateLimitResource(rate.PerSecond, rate.Burst) : null,
        Circuit = settings.Circuit is { } circuit ? new CircuitSettingsResource(circuit.FailureThreshold, circuit.OpenSeconds) : null,
    };
}
