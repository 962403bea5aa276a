using System.Text.Json;
using Durq.Contracts;
using Durq.Core.Tasks;

namespace Durq.Server.Apis;

/// <summary>Maps stored tasks to their wire form.</summary>
internal static class TaskResources
{
    public static TaskResource From(DurqTask task, bool includePayloads = true)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskResource
        {
            Id = TaskIds.Format(task.Id),
            ActivityType = task.ActivityType,
            Input = includePayloads ? new RawJson(task.InputJson) : null,
            Status = task.Status.ToWire(),
            Priority = task.Priority,
            Attempt = task.Attempt,
            MaxAttempts = task.MaxAttempts,
            CreatedAt = task.CreatedAt,
            UpdatedAt = task.UpdatedAt,
            VisibleAt = task.VisibleAt,
            ClaimedBy = task.ClaimedBy,
            ClaimedAt = task.ClaimedAt,
            LeaseExpiresAt = task.LeaseExpiresAt,
            TimeoutAt = task.TimeoutAt,
            LastHeartbeatAt = task.LastHeartbeatAt,
            HeartbeatDetails = task.HeartbeatDetailsJson is { } details ? new RawJson(details) : null,
            CompletedAt = task.CompletedAt,
            Result = includePayloads && task.ResultJson is { } result ? new RawJson(result) : null,
            LastError = task.LastErrorJson is { } lastError ? new RawJson(lastError) : null,
            Errors = task.ErrorsJson is { } errors ? new RawJson(errors) : null,
            Options = From(task.Options),
            CancelRequested = task.CancelRequested ? true : null,
            RequeueCount = task.RequeueCount > 0 ? task.RequeueCount : null,
            IdempotencyKey = task.IdempotencyKey,
            Traceparent = task.Traceparent,
            ScheduleId = task.Options.ScheduleId is { } schedule ? TaskIds.Format(schedule) : null,
            ScheduledFor = task.Options.ScheduledFor,
        };
    }

    /// <summary>A just-claimed task as its worker receives it.</summary>
    public static ClaimedTaskResource Claimed(DurqTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new ClaimedTaskResource
        {
            Id = TaskIds.Format(task.Id),
            ActivityType = task.ActivityType,
            Input = new RawJson(task.InputJson),
            Attempt = task.Attempt,
            MaxAttempts = task.MaxAttempts,
            LeaseId = TaskIds.Format(task.LeaseId ?? throw new ArgumentException("A claimed task has a lease.", nameof(task))),
            LeaseExpiresAt = task.LeaseExpiresAt!.Value,
            TimeoutAt = task.TimeoutAt!.Value,
            Priority = task.Priority,
            CreatedAt = task.CreatedAt,
            Traceparent = task.Traceparent,
        };
    }

    /// <summary>
    /// The effective options as the task resource shows them: the stored JSON form, which <see cref="TaskOptionFields"/>
    /// lays out, read into the SDK's record, so a new option needs no line here.
    /// </summary>
    public static TaskOptionsContract From(TaskOptions options) =>
        JsonSerializer.Deserialize(TaskOptionsJson.SerializeToUtf8Bytes(options), DurqJson.Context.TaskOptionsContract)!;
}
