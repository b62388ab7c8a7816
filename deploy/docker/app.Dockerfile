# syntax=docker/dockerfile:1
# The mobile app (a Blazor WebAssembly PWA: static files) with Timesheets.App.Host, which serves them
# with their security headers and answers /appsettings.json from App__IdentityUrl and App__ApiUrl, so
# one image works for any deployment. Built from the repository root:
#   docker build -f deploy/docker/app.Dockerfile -t timesheets/app .
# The SDK that global.json names: a newer one may bring analyzer rules that this warnings-as-errors build fails on.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json .editorconfig Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# The app: trimmed and Brotli-compressed on publish (as run.sh does); its files are in /out/app/wwwroot.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Timesheets.App -c Release -o /out/app \
 && dotnet publish src/Timesheets.App.Host -c Release -o /out/host -p:UseAppHost=false

# The runtime's newest patch of the target framework (security fixes), whatever SDK built it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out/host .
COPY --from=build /out/app/wwwroot ./wwwroot
COPY --chmod=755 deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
ENV App__Root=/app/wwwroot
# Kestrel's port comes from the environment; 8080 is the image's default (a non-root user cannot bind 80).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's non-root user (uid 1654, from the base image).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["dotnet", "Timesheets.App.Host.dll"]
