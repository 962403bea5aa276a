using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Durq.Core.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// Hears what other nodes tell on one channel (<c>LISTEN durq_work</c> for work, <c>durq_events</c> for the event
/// stream), each listening on a connection of its own. When that connection is lost it connects again, waiting
/// 100 ms, then twice as long after each failed try up to 5 s, for as long as the caller listens; each loss is logged
/// once. Notifications sent while disconnected are lost (claims poll slowly for exactly that reason; the event stream
/// says so in docs/events.md). Listening ends when the caller cancels it, or quietly when the store is disposed.
/// </summary>
internal sealed partial class NotificationListener(string connectionString, ILogger logger, CancellationToken storeDisposed)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>The work other nodes announce.</summary>
    public async IAsyncEnumerable<WorkAvailable> ListenForWorkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var payload in ListenAsync("ListenForWork", cancellationToken))
        {
            if (ParseWork(payload) is { } work)
            {
                yield return work;
            }
        }
    }

    /// <summary>The payloads told on the channel that <c>Sql/{listenQuery}.sql</c> listens on.</summary>
    public async IAsyncEnumerable<string> ListenAsync(string listenQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var heard = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, storeDisposed);
        var listening = Task.Run(() => ListenUntilStoppedAsync(listenQuery, heard.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await heard.Reader.WaitToReadAsync(cancellationToken))
            {
                while (heard.Reader.TryRead(out var payload))
                {
                    yield return payload;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await listening;
        }
    }

    private async Task ListenUntilStoppedAsync(string listenQuery, ChannelWriter<string> heard, CancellationToken stop)
    {
        var backoff = FirstBackoff;
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => heard.TryWrite(e.Payload);
                await connection.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand(SqlText.Query(listenQuery), connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                if (lost)
                {
                    LogListeningAgain(listenQuery);
                }

                (lost, backoff) = (false, FirstBackoff);
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // Whatever broke the connection (a restart, a killed backend, a network cut), listening goes on.
                if (!lost)
                {
                    LogConnectionLost(error, listenQuery);
                    lost = true;
                }
            }

            await Task.Delay(backoff, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        heard.TryComplete();
    }

    /// <summary>Splits <c>tenant|activity_type</c> at the last '|': activity types cannot contain one, tenants might.</summary>
    private static WorkAvailable? ParseWork(string payload)
    {
        var split = payload.LastIndexOf(PostgresWriteSession.WorkSeparator);
        return split > 0 ? new WorkAvailable(payload[..split], payload[(split + 1)..]) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Lost the connection that hears other nodes ({Listen}); connecting again with backoff (wake-ups fall back to polling, the event stream misses other nodes' changes meanwhile)")]
    private partial void LogConnectionLost(Exception error, string listen);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hearing other nodes again ({Listen})")]
    private partial void LogListeningAgain(string listen);
}
