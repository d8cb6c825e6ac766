using QRCoder;

namespace Whiteboard.App.Components.Board;

/// <summary>A link as a QR code picture, for a phone's camera to open.</summary>
public static class ShareQrCode
{
    public static string PngDataUrl(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
