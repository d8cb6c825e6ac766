using Microsoft.AspNetCore.Components.Endpoints;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Components.Pages;

/// <summary>
/// The board a board page's link opens, looked up once per request before the page renders. App.razor serves
/// a link that opens no board static: that page is only its "New board" form, which a circuit starting would
/// draw again under a person's press, and App.razor picks its render mode before an await of its own could
/// end. The page, prerendering, takes the board from here instead of asking the store again.
/// </summary>
public static class BoardLinkLookup
{
    private static readonly object Key = new();

    /// <summary>What the store said the link opens (null: no board), when this request looked it up.</summary>
    private sealed record Lookup((BoardRecord Board, BoardKey Key, BoardAccess Access)? Found);

    /// <summary>Whether this request is for a board page whose link was looked up and opens no board.</summary>
    public static bool OpensNoBoard(HttpContext context) =>
        context.Items[Key] is Lookup { Found: null or (_, _, BoardAccess.None) };

    /// <summary>What this request's link opens, if it was looked up (not when the store could not say).</summary>
    public static bool TryGet(HttpContext? context, out (BoardRecord Board, BoardKey Key, BoardAccess Access)? found)
    {
        var lookup = context?.Items[Key] as Lookup;
        found = lookup?.Found;
        return lookup is not null;
    }

    public static IApplicationBuilder UseBoardLinkLookup(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(Board))
        {
            try
            {
                var found = await context.RequestServices.GetRequiredService<BoardRooms>()
                    .FindAsync(context.GetRouteValue("Link") as string, context.RequestAborted);
                context.Items[Key] = new Lookup(found);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store cannot say: the board page asks again, and says why.
            }
        }

        await next();
    });
}
