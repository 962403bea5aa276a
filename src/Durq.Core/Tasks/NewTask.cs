namespace Durq.Core.Tasks;

/// <summary>A validated task about to be enqueued.</summary>
/// <param name="Id">Its UUIDv7 id, chosen before the write so a batch answers in order.</param>
/// <param name="ActivityType">Which workers handle it.</param>
/// <param name="InputJson">The producer's <c>input</c>, kept as the exact JSON text it was sent as.</param>
/// <param name="Options">The effective options.</param>
/// <param name="Traceparent">The W3C <c>traceparent</c> of the enqueue request, if it had one.</param>
internal sealed record NewTask(Guid Id, string ActivityType, string InputJson, TaskOptions Options, string? Traceparent);
