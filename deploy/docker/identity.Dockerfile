# syntax=docker/dockerfile:1
# Timesheets.Identity, the OpenID Connect provider. Built from the repository root:
#   docker build -f deploy/docker/identity.Dockerfile -t timesheets/identity .
# Runs as `dotnet Timesheets.Identity.dll [command]`: no command serves; `migrate`, `rotate-keys`,
# `revoke-key KID` and `create-admin EMAIL` run once and exit (docs/deploy.md).
# The SDK that global.json names: a newer one may bring analyzer rules that this warnings-as-errors build fails on.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json .editorconfig Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# The NuGet cache survives between builds (BuildKit), so a code change does not download every package again.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Timesheets.Identity -c Release -o /out -p:UseAppHost=false

# The runtime's newest patch of the target framework (security fixes), whatever SDK built it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
COPY --chmod=755 deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
# Kestrel's port comes from the environment; 8080 is the image's default (a non-root user cannot bind 80).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's non-root user (uid 1654, from the base image).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["dotnet", "Timesheets.Identity.dll"]
