using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Timesheets.Api.Features.Sync;

/// <summary>
/// Where a client is in the changes feed: the last change id it has, and on PostgreSQL the
/// transaction that wrote it (<c>x|xid|id</c>). <c>c|id</c> is the SQLite form and the form handed
/// out before transactions were recorded.
/// </summary>
internal readonly record struct ChangeCursor(long? Xid, long Id)
{
    public string Encode(bool withXid) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(withXid
        ? string.Create(CultureInfo.InvariantCulture, $"x|{Xid ?? 0}|{Id}")
        : string.Create(CultureInfo.InvariantCulture, $"c|{Id}")));

    public static bool TryDecode(string value, out ChangeCursor cursor)
    {
        cursor = default;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('|');
        if (parts is ["c", var id] && Parse(id) is { } legacy)
        {
            cursor = new ChangeCursor(null, legacy);
            return true;
        }

        if (parts is ["x", var xid, var xidId] && Parse(xid) is { } x && Parse(xidId) is { } i)
        {
            cursor = new ChangeCursor(x, i);
            return true;
        }

        return false;
    }

    private static long? Parse(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
