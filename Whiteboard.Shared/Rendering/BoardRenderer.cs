using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Rendering;

/// <summary>Draws board elements onto any <see cref="ICanvas2D"/>. The browser's wet ink follows the same rules in JS.</summary>
public static class BoardRenderer
{
    public static void Draw(BoardElement element, ICanvas2D canvas)
    {
        switch (element)
        {
            case Stroke stroke:
                DrawStroke(stroke, 0, canvas);
                break;
        }
    }

    /// <summary>
    /// Draws a stroke from point <paramref name="fromPoint"/> on, joined to the point before it, so
    /// drawing a stroke in pieces as it grows paints the same line as drawing it whole.
    /// </summary>
    public static void DrawStroke(Stroke stroke, int fromPoint, ICanvas2D canvas)
    {
        var points = stroke.Points.Span;
        if (points.Length == 0 || fromPoint >= points.Length)
        {
            return;
        }

        if (points.Length == 1)
        {
            var dot = points[0];
            canvas.SetStroke(stroke.Style.Color, WidthAt(stroke.Style.Width, dot.Pressure));
            canvas.BeginPath();
            canvas.MoveTo(dot.X, dot.Y);
            canvas.LineTo(dot.X, dot.Y);
            canvas.Stroke();
            return;
        }

        // Segments of equal width share one path; a pen's changing pressure starts a new one.
        var start = Math.Max(fromPoint - 1, 0);
        var i = start + 1;
        while (i < points.Length)
        {
            var width = SegmentWidth(stroke.Style.Width, points[i - 1], points[i]);
            canvas.SetStroke(stroke.Style.Color, width);
            canvas.BeginPath();
            canvas.MoveTo(points[i - 1].X, points[i - 1].Y);
            do
            {
                canvas.LineTo(points[i].X, points[i].Y);
                i++;
            }
            while (i < points.Length && SegmentWidth(stroke.Style.Width, points[i - 1], points[i]) == width);

            canvas.Stroke();
        }
    }

    /// <summary>Pressure 0.5 (a mouse) draws the chosen width; a pen varies it from a quarter to 1.75 times.</summary>
    public static float WidthAt(float width, float pressure) => Quantize(width * (0.25f + 1.5f * pressure));

    private static float SegmentWidth(float width, StrokePoint from, StrokePoint to) =>
        WidthAt(width, (from.Pressure + to.Pressure) / 2);

    // Quarter units: small pressure changes keep one path instead of one per segment.
    private static float Quantize(float width) => MathF.Max(0.25f, MathF.Round(width * 4) / 4);
}
