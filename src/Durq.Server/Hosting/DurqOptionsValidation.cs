using Durq.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Durq.Server.Hosting;

/// <summary>Checks configuration at start, with messages that name the bad key.</summary>
internal sealed class QueueOptionsValidation : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var failures = new List<string>();
        if (options.MaxPending < 0)
        {
            failures.Add($"Queue:MaxPending is {options.MaxPending}; it must be 0 (no cap) or more.");
        }

        foreach (var (tenant, own) in options.Tenants)
        {
            if (!Core.Tenants.IsValid(tenant))
            {
                failures.Add($"Queue:Tenants:{tenant} names no valid tenant; a tenant matches {Core.Tenants.Pattern}.");
            }

            if (own.MaxPending < 0)
            {
                failures.Add($"Queue:Tenants:{tenant}:MaxPending is {own.MaxPending}; it must be 0 (no cap) or more.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class LimitsOptionsValidation : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBytes < 1024)
        {
            failures.Add($"Limits:MaxRequestBytes is {options.MaxRequestBytes}; it must be at least 1024.");
        }

        if (options.MaxInputBytes < 1 || options.MaxInputBytes > options.MaxRequestBytes)
        {
            failures.Add($"Limits:MaxInputBytes is {options.MaxInputBytes}; it must be from 1 to Limits:MaxRequestBytes ({options.MaxRequestBytes}).");
        }

        if (options.RequestsPerSecondPerKey < 0)
        {
            failures.Add($"Limits:RequestsPerSecondPerKey is {options.RequestsPerSecondPerKey}; it must be 0 (no limit) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class StorageOptionsValidation : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            return ValidateOptionsResult.Fail("Storage:DataDir is empty; it must name a folder for the database.");
        }

        if (options.MaxDatabaseBytes is < 65_536)
        {
            return ValidateOptionsResult.Fail($"Storage:MaxDatabaseBytes is {options.MaxDatabaseBytes}; it must be at least 65536, or unset for no cap.");
        }

        return options.MaxWriteBatch is < 1 or > 10_000
            ? ValidateOptionsResult.Fail($"Storage:MaxWriteBatch is {options.MaxWriteBatch}; it must be from 1 to 10000.")
            : ValidateOptionsResult.Success;
    }
}

internal sealed class WorkersOptionsValidation : IValidateOptions<WorkersOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkersOptions options)
    {
        var failures = new List<string>();
        if (options.ClaimPollIntervalMs is < 10 or > 60_000)
        {
            failures.Add($"Workers:ClaimPollIntervalMs is {options.ClaimPollIntervalMs}; it must be from 10 to 60000.");
        }

        if (options.ReaperIntervalMs is < 10 or > 60_000)
        {
            failures.Add($"Workers:ReaperIntervalMs is {options.ReaperIntervalMs}; it must be from 10 to 60000.");
        }

        if (options.MaxResultBytes < 1)
        {
            failures.Add($"Workers:MaxResultBytes is {options.MaxResultBytes}; it must be at least 1.");
        }

        if (options.MaxPerTenant < 0)
        {
            failures.Add($"Workers:MaxPerTenant is {options.MaxPerTenant}; it must be 0 (no cap) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in new[]
        {
            ("FinishedTasks", options.FinishedTasks), ("DeadTasks", options.DeadTasks),
            ("IdempotencyKeys", options.IdempotencyKeys), ("StoppedWorkers", options.StoppedWorkers),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Retention:{key} is {value}; it must be positive (e.g. 7.00:00:00 for seven days).");
            }
        }

        if (options.IdempotencyKeys < TimeSpan.FromHours(24))
        {
            failures.Add($"Retention:IdempotencyKeys is {options.IdempotencyKeys}; keys are kept at least 24 hours (API.md).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"Retention:BatchSize is {options.BatchSize}; it must be from 1 to 10000.");
        }

        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Retention:Interval is {options.Interval}; it must be at least one second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
