namespace Whiteboard.Bench.Hosting;

/// <summary>Makes an empty board the way the home page's button does, and returns its edit key.</summary>
public static class NewBoard
{
    public static async Task<string> CreateAsync(Uri address)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        var created = await http.PostAsync(new Uri("/boards", UriKind.Relative), null);
        return created.Headers.Location?.OriginalString.Split('/')[^1]
            ?? throw new InvalidOperationException($"No board was made: {created.StatusCode}.");
    }
}
