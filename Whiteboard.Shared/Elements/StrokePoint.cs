namespace Whiteboard.Shared.Elements;

/// <summary>A point of a stroke in board units; pressure is 0..1 (0.5 for a mouse, as pointer events report it).</summary>
public readonly record struct StrokePoint(float X, float Y, float Pressure);
