using Durq.Core.FlowControl;
using Microsoft.Extensions.Logging;

namespace Durq.Storage;

/// <summary>The log lines of circuit breakers that changed state, written once their change has committed.</summary>
internal static partial class CircuitLog
{
    public static void Committed(ILogger logger, CircuitTransition change)
    {
        if (change.To == CircuitState.Open)
        {
            LogOpened(logger, change.ActivityType, change.Tenant, change.From.ToWire(), change.Forced ? "forced by an operator" : "after failed attempts in a row");
        }
        else
        {
            LogMoved(logger, change.ActivityType, change.Tenant, change.From.ToWire(), change.To.ToWire());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {ActivityType} (tenant {Tenant}) opened from {From}, {Reason}: its tasks are not claimed until it closes.")]
    private static partial void LogOpened(ILogger logger, string activityType, string tenant, string from, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {ActivityType} (tenant {Tenant}) moved from {From} to {To}.")]
    private static partial void LogMoved(ILogger logger, string activityType, string tenant, string from, string to);
}
