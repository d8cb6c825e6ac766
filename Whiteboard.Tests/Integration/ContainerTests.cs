using System.Net;
using Whiteboard.Bench.Hosting;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// No container engine runs here, so this does what the image does: publishes with the
/// Dockerfile's own arguments, starts the published binary with the image's environment from
/// its working folder with the image's ENTRYPOINT, and runs the image's HEALTHCHECK command against it.
/// </summary>
public sealed partial class ContainerTests : IDisposable
{
    private readonly string workspace = Directory.CreateTempSubdirectory("whiteboard-image-").FullName;
    private readonly string[] dockerfile = File.ReadAllLines(Path.Combine(RepositoryRoot, "Dockerfile"));

    private static string RepositoryRoot => Path.GetDirectoryName(AppProcess.AppContentRoot())!;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    [Fact]
    public void The_image_runs_as_a_non_root_user_on_port_8080_with_a_healthcheck_that_needs_no_curl()
    {
        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final", dockerfile.Last(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains("USER $APP_UID", dockerfile);
        Assert.Contains("EXPOSE 8080", dockerfile);
        Assert.Contains(dockerfile, line => line.StartsWith("HEALTHCHECK", StringComparison.Ordinal) && line.Contains("--healthcheck", StringComparison.Ordinal));
        Assert.DoesNotContain(dockerfile, line => !line.StartsWith('#') && line.Contains("curl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_published_app_serves_pages_and_passes_its_own_healthcheck()
    {
        var published = await PublishAsDockerfileDoesAsync();
        var port = ChildProcess.FreeLoopbackPort();
        var environment = ImageEnvironment();
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; // loopback only, here
        Assert.Equal("/data", environment["Whiteboard__DataDirectory"]);
        environment["Whiteboard__DataDirectory"] = Path.Combine(workspace, "data"); // the volume, here
        var entryPoint = Command("ENTRYPOINT ");
        var healthCheck = Command("HEALTHCHECK ");

        using (ChildProcess.Start(entryPoint[0], entryPoint[1..], environment, workingDirectory: published))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await AppProcess.WaitUntilHealthyAsync(client);

            var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("data-testid=\"new-board\"", home, StringComparison.Ordinal);
            foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/app.css" })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(asset, UriKind.Relative))).StatusCode);
            }

            // Images are decoded by a native library: the image holds this platform's, and only it.
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var browser = new HttpClient(handler) { BaseAddress = client.BaseAddress };
            var board = (await browser.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!;
            using var uploaded = await browser.PostAsync(new Uri($"{board}/images", UriKind.Relative), new ByteArrayContent(TestImages.Png(3, 2, SkiaSharp.SKColors.Red)));
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            Assert.False(Directory.Exists(Path.Combine(published, "runtimes")), "only the image's platform's native libraries are published");

            var probe = await ChildProcess.RunAsync(healthCheck[0], healthCheck[1..], environment, published, TimeSpan.FromSeconds(30));
            Assert.Equal(0, probe.ExitCode);
            Assert.True(File.Exists(Path.Combine(workspace, "data", "whiteboard.db")));
        }

        var probeWhenDown = await ChildProcess.RunAsync(healthCheck[0], healthCheck[1..], environment, published, TimeSpan.FromSeconds(30));
        Assert.Equal(1, probeWhenDown.ExitCode);
    }

    /// <summary>Copies the sources the image copies and runs its publish command, with the output redirected here.</summary>
    private async Task<string> PublishAsDockerfileDoesAsync()
    {
        var source = Path.Combine(workspace, "src");
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Directory.CreateDirectory(source);
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(source, file));
        }

        foreach (var project in new[] { "Whiteboard.Shared", "Whiteboard.App" })
        {
            CopySources(Path.Combine(RepositoryRoot, project), Path.Combine(source, project));
        }

        var output = Path.Combine(workspace, "app");
        var publish = dockerfile.Single(line => line.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        var arguments = TargetArchitecture().Replace(publish["RUN dotnet ".Length..], DockerArchitecture).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(argument => argument != "--no-restore") // the image restores in a step of its own
            .Select(argument => argument == "/app" ? output : argument)
            .ToList();

        var (exitCode, printed) = await ChildProcess.RunAsync("dotnet", arguments, new Dictionary<string, string>(), source, TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, printed);
        return output;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{TARGETARCH[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex TargetArchitecture();

    /// <summary>What Docker's TARGETARCH says for this machine, as a build of the image here would.</summary>
    private static string DockerArchitecture =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";

    /// <summary>The exec-form command (a JSON array) of the Dockerfile's line that starts with <paramref name="instruction"/>.</summary>
    private string[] Command(string instruction)
    {
        var line = dockerfile.Single(line => line.StartsWith(instruction, StringComparison.Ordinal));
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(line[line.IndexOf('[', StringComparison.Ordinal)..])!;
    }

    private Dictionary<string, string> ImageEnvironment() =>
        dockerfile.Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(line => line["ENV ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
