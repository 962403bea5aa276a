using Durq.Core.Errors;
using Durq.Storage.Postgres;
using Npgsql;

namespace Durq.Storage.Tests.Postgres;

/// <summary>
/// PostgreSQL's errors of the storage itself, told from passing outages and from the store's own bugs. A full disk
/// (53100) cannot be made on the test machine without filling it, so the server's error is built as the server sends it.
/// </summary>
public sealed class PostgresStorageFaultTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction, ProblemCodes.StorageReadOnly)]
    [InlineData(PostgresErrorCodes.DiskFull, ProblemCodes.StorageFull)]
    [InlineData(PostgresErrorCodes.DataCorrupted, ProblemCodes.StorageCorrupt)]
    [InlineData(PostgresErrorCodes.IndexCorrupted, ProblemCodes.StorageCorrupt)]
    public void A_storage_fault_is_named_by_its_own_code_and_is_not_a_passing_outage(string sqlState, string code)
    {
        var error = new PostgresException("the server says no", "ERROR", "ERROR", sqlState);

        var fault = StoreErrors.Fault(error);

        Assert.NotNull(fault);
        Assert.Equal(code, fault.Code);
        Assert.Equal(StorageFaults.RetryAfterSeconds, fault.RetryAfterSeconds);
        Assert.False(StoreErrors.IsTransient(error));
    }

    [Fact]
    public void A_full_disk_says_so_to_the_caller()
    {
        var fault = StoreErrors.Fault(new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull));

        Assert.Contains("disk holding the database is full", fault!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    public void Other_server_errors_are_no_storage_fault(string sqlState) =>
        Assert.Null(StoreErrors.Fault(new PostgresException("no", "ERROR", "ERROR", sqlState)));
}
