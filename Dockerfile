# The portal as one container: the published app with content/ and locales/ beside it, SQLite in /data by default.
# scripts/publish.sh runs these same steps on a machine without Docker (and smoke-tests the result).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Portal/Portal.csproj src/Portal/
# ReadyToRun for the image's architecture (buildx sets TARGETARCH: amd64 or arm64, which -a accepts): a shorter cold start.
ARG TARGETARCH
RUN dotnet restore src/Portal/Portal.csproj -a "$TARGETARCH" -p:PublishReadyToRun=true
COPY src/ src/
RUN dotnet publish src/Portal/Portal.csproj -c Release -o /app --no-restore --self-contained false -a "$TARGETARCH" -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY content/ content/
COPY locales/ locales/
RUN mkdir -p /data && chown app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Portal__Database__ConnectionString="Data Source=/data/portal.db"
# Required: Portal__PublicUrl=https://portal.example.org (the address readers use; the start is refused without it).
# For PostgreSQL: Portal__Database__Provider=PostgreSql and Portal__Database__ConnectionString="Host=…;Database=portal;…"
# (several nodes: also Portal__Database__MigrateOnStart=false, and run the image once with the argument `migrate`; see compose.yaml).
VOLUME /data
EXPOSE 8080
# The aspnet image has no curl or wget, so the portal checks itself: `health-check` is a plain HTTP GET made before any
# host or database is set up (Operations/HealthCheckCommand.cs). Liveness, not readiness: a database outage should not
# mark (or get restarted) every node; the reverse proxy asks /health/ready before it sends a node readers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "Portal.dll", "health-check", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "Portal.dll"]
