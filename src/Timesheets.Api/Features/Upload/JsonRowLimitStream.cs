namespace Timesheets.Api.Features.Upload;

/// <summary>
/// The body of a JSON upload as it is read, watched for rows longer than
/// <see cref="UploadRowLimits.MaxRowLength"/> bytes. The JSON serializer buffers one array element whole
/// before it yields it (and a lone object whole), so a single huge string or object would make it
/// buffer most of the body; this stream follows the JSON structure as the bytes go by (strings,
/// escapes, nesting) and refuses a row as soon as it passes the bound, before the serializer sees more.
/// Malformed JSON is left for the serializer to report.
/// </summary>
internal sealed class JsonRowLimitStream(Stream inner) : Stream
{
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _rootIsArray;
    private int _row = 1;
    private int _line = 1;
    private int _rowLine = 1;
    private long _rowBytes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Watch(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Watch(buffer.AsSpan(offset, read));
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Watch(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                _line++;
            }

            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    _escaped = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                _inString = true;
            }
            else if (b is (byte)'[' or (byte)'{')
            {
                if (++_depth == 1 && b == (byte)'[')
                {
                    // A root array: its elements are the rows, each bounded on its own.
                    _rootIsArray = true;
                    _rowBytes = 0;
                    continue;
                }
            }
            else if (b is (byte)']' or (byte)'}')
            {
                _depth--;
            }
            else if (b == (byte)',' && _depth == 1 && _rootIsArray)
            {
                _row++;
                _rowBytes = 0;
                _rowLine = _line;
                continue;
            }

            if (++_rowBytes > UploadRowLimits.MaxRowLength)
            {
                throw new FormatException(
                    $"Row {_row} of the JSON body (from line {_rowLine}) is longer than {UploadRowLimits.MaxRowLength} bytes; nothing was stored.");
            }
        }
    }
}
