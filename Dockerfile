# Build with the .NET 10 SDK; run framework-dependent on the matching ASP.NET Core 10 runtime image,
# which the base image's security updates keep patched (a self-contained app would carry its own runtime).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (amd64, arm64), which -a takes as it is: only that platform's native libraries (SkiaSharp,
# SQLite) are published, 45 MB in all instead of some 250 MB for every platform; still framework-dependent. BuildKit
# (docker buildx, docker compose) sets it; the classic builder does not, and the build stops saying so.
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Whiteboard.Shared/Whiteboard.Shared.csproj Whiteboard.Shared/
COPY Whiteboard.App/Whiteboard.App.csproj Whiteboard.App/
RUN dotnet restore -a ${TARGETARCH:?build-with-BuildKit} Whiteboard.App/Whiteboard.App.csproj
COPY Whiteboard.Shared/ Whiteboard.Shared/
COPY Whiteboard.App/ Whiteboard.App/
RUN dotnet publish -a ${TARGETARCH:?build-with-BuildKit} Whiteboard.App/Whiteboard.App.csproj -c Release -o /app --no-restore

# Run: the ASP.NET Core runtime image (no SDK, no curl), as its non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown $APP_UID /data
ENV ASPNETCORE_HTTP_PORTS=8080
ENV Whiteboard__DataDirectory=/data
VOLUME /data
EXPOSE 8080
# In a cluster (deploy/compose.yaml): Orleans's silo port, where the other instances reach this one, and its gateway.
EXPOSE 11111 30000
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["dotnet", "Whiteboard.App.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "Whiteboard.App.dll"]
