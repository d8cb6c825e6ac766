using System.Globalization;
using System.Security;
using System.Text;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;

namespace Whiteboard.Shared.Rendering;

/// <summary>
/// An <see cref="ICanvas2D"/> that writes SVG: the board exported as a picture is drawn by the same
/// <see cref="BoardRenderer"/> that fills the browser's canvas.
/// </summary>
public sealed class SvgCanvas : ICanvas2D
{
    /// <summary>Space left around the drawing, in board units.</summary>
    private const float Margin = 20;

    /// <summary>SVG gathered before it is written out.</summary>
    private const int FlushAt = 64 * 1024;

    private readonly StringBuilder body = new();
    private readonly Func<string, string?> imageSource;
    private readonly StringBuilder path = new();
    private string color = "#000000";
    private float width = 1;
    private string alpha = "";  // the opacity attribute, when the element is not opaque
    private string dashes = ""; // the stroke-dasharray attribute, when lines are dashed

    private SvgCanvas(Func<string, string?> imageSource) => this.imageSource = imageSource;

    /// <summary>
    /// The elements as a standalone SVG document, white behind them, framed to what they cover; an image's link is what
    /// <paramref name="imageSource"/> gives for its hash (a data: URL keeps the document standalone), or a placeholder box without one.
    /// The link is written as SVG 2's href and as SVG 1.1's xlink:href, which older renderers (rsvg before 2.52, Inkscape 0.92) read.
    /// </summary>
    public static string Render(IReadOnlyList<BoardElement> elements, Func<string, string?>? imageSource = null) =>
        string.Concat(Pieces(elements, imageSource ?? NoImages));

    /// <summary>
    /// <see cref="Render"/>, written out a piece at a time: a large board's picture never sits whole in memory.
    /// </summary>
    public static async Task WriteAsync(
        IReadOnlyList<BoardElement> elements, TextWriter output, CancellationToken cancellationToken, Func<string, string?>? imageSource = null)
    {
        foreach (var piece in Pieces(elements, imageSource ?? NoImages))
        {
            await output.WriteAsync(piece.AsMemory(), cancellationToken);
        }
    }

    /// <summary>The document in order: its frame, the elements drawn some 64 KB at a time, its end.</summary>
    private static string? NoImages(string hash) => null;

    private static IEnumerable<string> Pieces(IReadOnlyList<BoardElement> elements, Func<string, string?> imageSource)
    {
        var frame = elements.Count == 0
            ? new Bounds(0, 0, 800, 600)
            : elements.Select(HitTest.BoundsOf).Aggregate((a, b) => a.Union(b)).Inflate(Margin);
        var view = Invariant($"{frame.MinX} {frame.MinY} {frame.Width} {frame.Height}");
        yield return $"""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="{view}" width="{Number(frame.Width)}" height="{Number(frame.Height)}">
            <rect x="{Number(frame.MinX)}" y="{Number(frame.MinY)}" width="{Number(frame.Width)}" height="{Number(frame.Height)}" fill="#ffffff"/>

            """;
        var canvas = new SvgCanvas(imageSource);
        foreach (var element in elements)
        {
            // Every element starts opaque and solid (ICanvas2D.SetAlpha, SetLineDash).
            (canvas.alpha, canvas.dashes) = ("", "");
            BoardRenderer.Draw(element, canvas);
            if (canvas.body.Length >= FlushAt)
            {
                yield return canvas.body.ToString();
                canvas.body.Clear();
            }
        }

        yield return $"{canvas.body}</svg>";
    }

    public void SetStroke(string color, float width) => (this.color, this.width) = (color, width);

    public void BeginPath() => path.Clear();

    public void MoveTo(float x, float y) => path.Append(Invariant($"M{x} {y}"));

    public void LineTo(float x, float y) => path.Append(Invariant($"L{x} {y}"));

    public void ClosePath() => path.Append('Z');

    public void Ellipse(float centerX, float centerY, float radiusX, float radiusY) =>
        path.Append(Invariant($"M{centerX - radiusX} {centerY}A{radiusX} {radiusY} 0 1 0 {centerX + radiusX} {centerY}A{radiusX} {radiusY} 0 1 0 {centerX - radiusX} {centerY}Z"));

    public void Stroke() => body.Append(Invariant(
        $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"{dashes}{alpha}/>\n"));

    public void Fill(string color) => body.Append(Invariant($"<path d=\"{path}\" fill=\"{color}\"{alpha}/>\n"));

    public void FillText(string text, float x, float y, float size, string color) => body.Append(Invariant(
        $"<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" font-family=\"{TextLayout.FontFamily}\" fill=\"{color}\" dominant-baseline=\"hanging\" xml:space=\"preserve\"{alpha}>{SecurityElement.Escape(text)}</text>\n"));

    public void SetAlpha(float alpha) => this.alpha = alpha == 1 ? "" : Invariant($" opacity=\"{alpha}\"");

    public void SetLineDash(float dash, float gap) => dashes = dash == 0 && gap == 0 ? "" : Invariant($" stroke-dasharray=\"{dash} {gap}\"");

    public void DrawImage(string hash, float x, float y, float width, float height)
    {
        if (imageSource(hash) is not { } source)
        {
            body.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" fill=\"#e9ecef\" stroke=\"#adb5bd\"/>\n"));
            return;
        }

        // Appended a piece at a time: a data: URL of some megabytes is copied only into the document, once per attribute.
        var link = SecurityElement.Escape(source);
        body.Append("<image href=\"").Append(link).Append("\" xlink:href=\"").Append(link)
            .Append(Invariant($"\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" preserveAspectRatio=\"none\"/>\n"));
    }

    private static string Number(float value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
