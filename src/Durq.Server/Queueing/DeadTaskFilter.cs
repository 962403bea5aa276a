namespace Durq.Server.Queueing;

/// <summary>Which dead tasks a retry or purge of many acts on: of one activity type, of one last error type, or both (null: any).</summary>
internal sealed record DeadTaskFilter(string? ActivityType, string? ErrorType);
