using QRCoder;

namespace Timesheets.Identity.Mfa;

/// <summary>
/// A QR code as a PNG <c>data:</c> URI (QRCoder's managed PNG writer): the page needs no script and no
/// extra request, and the Content-Security-Policy already allows <c>img-src data:</c> and nothing more.
/// </summary>
internal static class QrCodeImage
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
