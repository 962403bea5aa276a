using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Durq.Core.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// Hears the work other nodes announce (<c>LISTEN durq_work</c>) on a connection of its own. When that connection is
/// lost it connects again, waiting 100 ms, then twice as long after each failed try up to 5 s, for as long as the
/// caller listens; each loss is logged once. Announcements made while disconnected are lost; claims poll slowly
/// for exactly that reason. Listening ends when the caller cancels it, or quietly when the store is disposed.
/// </summary>
internal sealed partial class WorkListener(string connectionString, ILogger logger, CancellationToken storeDisposed)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<WorkAvailable> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var heard = Channel.CreateUnbounded<WorkAvailable>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, storeDisposed);
        var listening = Task.Run(() => ListenUntilStoppedAsync(heard.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await heard.Reader.WaitToReadAsync(cancellationToken))
            {
                while (heard.Reader.TryRead(out var work))
                {
                    yield return work;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await listening;
        }
    }

    private async Task ListenUntilStoppedAsync(ChannelWriter<WorkAvailable> heard, CancellationToken stop)
    {
        var backoff = FirstBackoff;
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => Hear(heard, e.Payload);
                await connection.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand(SqlText.Query("ListenForWork"), connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                if (lost)
                {
                    LogListeningAgain();
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
                    LogConnectionLost(error);
                    lost = true;
                }
            }

            await Task.Delay(backoff, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        heard.TryComplete();
    }

    /// <summary>Splits <c>tenant|activity_type</c> at the last '|': activity types cannot contain one, tenants might.</summary>
    private static void Hear(ChannelWriter<WorkAvailable> heard, string payload)
    {
        var split = payload.LastIndexOf(PostgresWriteSession.WorkSeparator);
        if (split > 0)
        {
            heard.TryWrite(new WorkAvailable(payload[..split], payload[(split + 1)..]));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Lost the connection that hears other nodes' work; connecting again with backoff (wake-ups fall back to polling meanwhile)")]
    private partial void LogConnectionLost(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hearing other nodes' work again")]
    private partial void LogListeningAgain();
}
