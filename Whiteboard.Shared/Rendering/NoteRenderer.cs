using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;

namespace Whiteboard.Shared.Rendering;

/// <summary>Draws a sticky note: its paper filled, then its text's lines as <see cref="NoteLayout"/> wraps them.</summary>
internal static class NoteRenderer
{
    public static void Draw(Note note, ICanvas2D canvas)
    {
        var paper = NoteLayout.BoundsOf(note);
        canvas.BeginPath();
        canvas.MoveTo(paper.MinX, paper.MinY);
        canvas.LineTo(paper.MaxX, paper.MinY);
        canvas.LineTo(paper.MaxX, paper.MaxY);
        canvas.LineTo(paper.MinX, paper.MaxY);
        canvas.ClosePath();
        canvas.Fill(note.Paper);

        var (padding, size) = (NoteLayout.Padding(note.Size), NoteLayout.FontSize(note.Size));
        var lines = NoteLayout.Lines(note);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > 0)
            {
                canvas.FillText(lines[i], paper.MinX + padding, paper.MinY + padding + i * size * TextLayout.LineSpacing, size, NoteLayout.Ink);
            }
        }
    }
}
