namespace Whiteboard.Shared.Rendering;

/// <summary>
/// The part of the HTML Canvas 2D API the board draws with. Lines always have round caps and joins.
/// Implemented by the browser interop (batched), and by a recording canvas in tests.
/// </summary>
public interface ICanvas2D
{
    void SetStroke(string color, float width);

    void BeginPath();

    void MoveTo(float x, float y);

    void LineTo(float x, float y);

    void ClosePath();

    /// <summary>Adds a whole axis-aligned ellipse to the path.</summary>
    void Ellipse(float centerX, float centerY, float radiusX, float radiusY);

    void Stroke();

    /// <summary>Fills the current path with <paramref name="color"/>; the path stays, so it can be stroked after.</summary>
    void Fill(string color);

    /// <summary>Fills one line of text whose top-left corner is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    void FillText(string text, float x, float y, float size, string color);

    /// <summary>
    /// How much of what is drawn next shows, from 0 to 1, until the element ends: each canvas starts every element
    /// opaque, so the renderer says it only for an element that is not.
    /// </summary>
    void SetAlpha(float alpha);

    /// <summary>
    /// Lines stroked next are dashes of length <paramref name="dash"/> and gaps of <paramref name="gap"/> (both 0:
    /// solid), until the element ends or this is said again: each canvas starts every element solid.
    /// </summary>
    void SetLineDash(float dash, float gap);

    /// <summary>
    /// Draws the board's stored image named by <paramref name="hash"/> stretched over the box at (<paramref name="x"/>,
    /// <paramref name="y"/>); a canvas that does not have its bytes yet shows a placeholder box there.
    /// </summary>
    void DrawImage(string hash, float x, float y, float width, float height);
}
