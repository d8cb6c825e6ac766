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

    void Stroke();
}
