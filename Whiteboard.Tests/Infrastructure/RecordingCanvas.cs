using System.Globalization;
using Whiteboard.Shared.Rendering;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>A canvas that writes down what was drawn, one readable line per call.</summary>
public sealed class RecordingCanvas : ICanvas2D
{
    public List<string> Commands { get; } = [];

    public void SetStroke(string color, float width) => Commands.Add(Invariant($"stroke-style {color} {width}"));

    public void BeginPath() => Commands.Add("begin-path");

    public void MoveTo(float x, float y) => Commands.Add(Invariant($"move-to {x} {y}"));

    public void LineTo(float x, float y) => Commands.Add(Invariant($"line-to {x} {y}"));

    public void Stroke() => Commands.Add("stroke");

    public void Fill(string color) => Commands.Add($"fill {color}");

    public void SetAlpha(float alpha) => Commands.Add($"alpha {alpha}");

    public void SetLineDash(float dash, float gap) => Commands.Add($"dash {dash} {gap}");

    public void ClosePath() => Commands.Add("close-path");

    public void Ellipse(float centerX, float centerY, float radiusX, float radiusY) =>
        Commands.Add(Invariant($"ellipse {centerX} {centerY} {radiusX} {radiusY}"));

    public void FillText(string text, float x, float y, float size, string color) =>
        Commands.Add(Invariant($"fill-text \"{text}\" {x} {y} {size} {color}"));

    public void DrawImage(string hash, float x, float y, float width, float height) =>
        Commands.Add(Invariant($"draw-image {hash} {x} {y} {width} {height}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
