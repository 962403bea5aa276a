using Durq.Contracts;
using Durq.Core.FlowControl;
using Durq.Core.Tasks;

namespace Durq.Server.Apis;

/// <summary>How a task's explanation is shown.</summary>
internal static class TaskExplanations
{
    public static TaskExplanationResponse From(TaskExplanation explanation) => new(
        explanation.Status.ToWire(), explanation.Runnable,
        [.. explanation.Reasons.Select(r => new ExplainReasonResource(r.Code, r.Message, r.Until, Details(r.Details)))]);

    private static ExplainDetailsResource? Details(ExplainDetails? details) => details is null ? null : new()
    {
        Ahead = details.Ahead,
        MaxConcurrency = details.MaxConcurrency,
        Claimed = details.Claimed,
        WorkerId = details.WorkerId,
        LeaseExpiresAt = details.LeaseExpiresAt,
        LastHeartbeatAt = details.LastHeartbeatAt,
        TimeoutAt = details.TimeoutAt,
    };
}
