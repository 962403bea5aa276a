using Durq.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Durq.Server.Hosting;

/// <summary>Checks configuration at start, with messages that name the bad key.</summary>
internal sealed class QueueOptionsValidation : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options) => options.MaxPending < 0
        ? ValidateOptionsResult.Fail($"Queue:MaxPending is {options.MaxPending}; it must be 0 (no cap) or more.")
        : ValidateOptionsResult.Success;
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

        return options.MaxWriteBatch is < 1 or > 10_000
            ? ValidateOptionsResult.Fail($"Storage:MaxWriteBatch is {options.MaxWriteBatch}; it must be from 1 to 10000.")
            : ValidateOptionsResult.Success;
    }
}
