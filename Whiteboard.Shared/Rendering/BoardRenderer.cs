using System.Runtime.CompilerServices;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;

namespace Whiteboard.Shared.Rendering;

/// <summary>Draws board elements onto any <see cref="ICanvas2D"/>. The browser's wet ink follows the same rules in JS.</summary>
public static class BoardRenderer
{
    public static void Draw(BoardElement element, ICanvas2D canvas)
    {
        if (ElementStyles.StyleOf(element) is { Opacity: not 1 } faint && element is not Stroke)
        {
            // A stroke says its opacity in each piece drawn (see DrawStroke): it grows in pieces.
            canvas.SetAlpha(faint.Opacity);
        }

        switch (element)
        {
            case Stroke stroke:
                DrawStroke(stroke, 0, canvas);
                break;
            case Shape shape:
                DrawShape(shape, canvas);
                break;
            case Text text:
                DrawText(text, canvas);
                break;
            case Note note:
                NoteRenderer.Draw(note, canvas);
                break;
            case Image image:
                canvas.DrawImage(image.Hash, image.From.X, image.From.Y, image.To.X - image.From.X, image.To.Y - image.From.Y);
                break;
        }
    }

    private static void DrawShape(Shape shape, ICanvas2D canvas)
    {
        var (a, b) = (shape.From, shape.To);
        canvas.SetStroke(shape.Style.Color, shape.Style.Width);
        var (dash, gap) = LineDashes.Of(shape.Style.Line, shape.Style.Width);
        if (shape.Style.Line != LineStyle.Solid)
        {
            canvas.SetLineDash(dash, gap);
        }

        canvas.BeginPath();
        switch (shape.Kind)
        {
            case ShapeKind.Line:
                canvas.MoveTo(a.X, a.Y);
                canvas.LineTo(b.X, b.Y);
                break;
            case ShapeKind.Arrow:
                var (left, right) = ArrowHead.Barbs(a, b, shape.Style.Width);
                canvas.MoveTo(a.X, a.Y);
                canvas.LineTo(b.X, b.Y);
                if (shape.Style.Line != LineStyle.Solid)
                {
                    // A dashed or dotted arrow's head is drawn solid, so that it still reads as a head.
                    canvas.Stroke();
                    canvas.SetLineDash(0, 0);
                    canvas.BeginPath();
                }

                canvas.MoveTo(left.X, left.Y);
                canvas.LineTo(b.X, b.Y);
                canvas.LineTo(right.X, right.Y);
                break;
            case ShapeKind.Rectangle:
                canvas.MoveTo(a.X, a.Y);
                canvas.LineTo(b.X, a.Y);
                canvas.LineTo(b.X, b.Y);
                canvas.LineTo(a.X, b.Y);
                canvas.ClosePath();
                break;
            case ShapeKind.Ellipse:
                canvas.Ellipse((a.X + b.X) / 2, (a.Y + b.Y) / 2, MathF.Abs(b.X - a.X) / 2, MathF.Abs(b.Y - a.Y) / 2);
                break;
        }

        // The inside first, so that the outline lies over it.
        if (shape.Style.Fill is { } fill && ElementStyles.TakesFill(shape.Kind))
        {
            canvas.Fill(fill);
        }

        canvas.Stroke();
    }

    private static void DrawText(Text text, ICanvas2D canvas)
    {
        var size = TextLayout.FontSize(text.Style.Width);
        var lines = TextLayout.Lines(text.Content);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                canvas.FillText(lines[i], text.At.X, text.At.Y + i * size * TextLayout.LineSpacing, size, text.Style.Color);
            }
        }
    }

    /// <summary>
    /// Draws a stroke from point <paramref name="fromPoint"/> on, joined to the point before it, so
    /// drawing a stroke in pieces as it grows paints the same line as drawing it whole. Optimized from its
    /// first call: opening a large board draws a million points through here at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DrawStroke(Stroke stroke, int fromPoint, ICanvas2D canvas)
    {
        var points = stroke.Points.Span;
        if (points.Length == 0 || fromPoint >= points.Length)
        {
            return;
        }

        if (stroke.Style.Opacity != 1)
        {
            canvas.SetAlpha(stroke.Style.Opacity);
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
