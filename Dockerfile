# Build: the .NET 10 SDK builds the net9.0 self-contained app (see README, "Why this stack").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Whiteboard.Shared/Whiteboard.Shared.csproj Whiteboard.Shared/
COPY Whiteboard.App/Whiteboard.App.csproj Whiteboard.App/
RUN dotnet restore Whiteboard.App/Whiteboard.App.csproj
COPY Whiteboard.Shared/ Whiteboard.Shared/
COPY Whiteboard.App/ Whiteboard.App/
RUN dotnet publish Whiteboard.App/Whiteboard.App.csproj -c Release -o /app --no-restore

# Run: self-contained, so the runtime-deps image (no .NET runtime, no curl) is enough.
FROM mcr.microsoft.com/dotnet/runtime-deps:9.0 AS final
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown $APP_UID /data
ENV ASPNETCORE_HTTP_PORTS=8080
ENV Whiteboard__DataDirectory=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/app/Whiteboard.App", "--healthcheck"]
ENTRYPOINT ["/app/Whiteboard.App"]
