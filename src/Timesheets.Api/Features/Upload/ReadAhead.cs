using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Timesheets.Api.Features.Upload;

internal static class ReadAhead
{
    /// <summary>
    /// Enumerates <paramref name="source"/> on another task, at most <paramref name="capacity"/> items
    /// ahead of the consumer, so reading and parsing the body overlaps the database work on the rows
    /// before. An exception of the source surfaces, unchanged, after the items read before it; when the
    /// consumer stops early the reader is stopped and awaited, so the body is never read after the request.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAheadAsync<T>(this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in source.WithCancellation(stop.Token))
                    {
                        await channel.Writer.WriteAsync(item, stop.Token);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
        }
    }
}
