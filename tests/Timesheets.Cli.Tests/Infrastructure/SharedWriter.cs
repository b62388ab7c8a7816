using System.Text;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>A writer a test can read while the command is still writing to it (the device code, the import's progress).</summary>
public sealed class SharedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    /// <summary>Called after every write with everything written so far.</summary>
    public Action<string>? Written { get; set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    private void Append(string value)
    {
        string all;
        lock (_lock)
        {
            _text.Append(value);
            all = _text.ToString();
        }

        Written?.Invoke(all);
    }
}
