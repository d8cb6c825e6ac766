using MudBlazor;

namespace Whiteboard.App.Components.Layout;

/// <summary>
/// The app's colors in light and dark, drawn from the board's own palette (BoardToolbar.Palette), so the
/// bar and the board look like one thing; the system's fonts, since no web font is fetched.
/// </summary>
public static class WhiteboardTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1971c2",
            Secondary = "#0c8599",
            Warning = "#f08c00",
            Error = "#e03131",
            Success = "#2f9e44",
            Background = "#f1f3f5",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1e1e1e",
            TextPrimary = "#1e1e1e",
            LinesDefault = "#dee2e6",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4dabf7",
            Secondary = "#3bc9db",
            Warning = "#ffa94d",
            Error = "#ff6b6b",
            Success = "#69db7c",
            Background = "#141517",
            Surface = "#1f2125",
            AppbarBackground = "#1f2125",
            AppbarText = "#e9ecef",
            TextPrimary = "#e9ecef",
            LinesDefault = "#373a40",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
