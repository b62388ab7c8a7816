namespace Timesheets.Api.Features.Upload;

/// <summary>How long one uploaded row may be, whatever the format.</summary>
internal static class UploadRowLimits
{
    /// <summary>
    /// Characters of one CSV record, bytes of one JSON row. The longest row the entry rules accept is
    /// about 5,000 CSV characters (2,000 characters of notes with every quote doubled, a 320-character
    /// email, a 100-character project, a 200-character external id) or 13,000 bytes of JSON whose notes
    /// are all escaped as <c>\uXXXX</c>. Readers stop at this bound, so an endless line or string costs
    /// the server this much memory, not the size of the body.
    /// </summary>
    public const int MaxRowLength = 20_000;
}
