using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// Keyset paging position (date, id) of the last entry on a page. Opaque to clients: base64url, so
/// they pass it back unchanged and the server may change its shape later.
/// </summary>
internal readonly record struct EntryCursor(DateOnly Date, long Id)
{
    public string Encode() =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{Date:yyyy-MM-dd}|{Id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryDecode(string? value, out EntryCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value ?? "")).Split('|');
            if (parts.Length == 2
                && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new EntryCursor(date, id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
