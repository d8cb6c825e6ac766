using Microsoft.AspNetCore.Components.Endpoints;
using Whiteboard.App.Boards;

namespace Whiteboard.App.Components.Pages;

/// <summary>
/// Marks a request for a board page whose link opens no board, before the page renders, so that the app serves
/// that page static (App.razor): it is only its "New board" form, which a circuit starting would draw again
/// under a person's press. App.razor cannot look it up itself: its render mode is chosen before an await ends.
/// </summary>
public static class MissingBoard
{
    private static readonly object Mark = new();

    public static bool IsMarked(HttpContext context) => context.Items.ContainsKey(Mark);

    public static IApplicationBuilder UseMissingBoardMark(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(Board))
        {
            try
            {
                if (await context.RequestServices.GetRequiredService<BoardRooms>().FindAsync(context.GetRouteValue("Link") as string, context.RequestAborted)
                    is not (_, _, not BoardAccess.None))
                {
                    context.Items[Mark] = true;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store cannot say: the board page says why, live.
            }
        }

        await next();
    });
}
