#!/bin/bash
# The image's HEALTHCHECK: GET /health/live on the service's own HTTP port, with bash alone (the
# .NET runtime image has no curl or wget, and the check must not add a package to every image).
# Healthy on a 200. The port is the first of ASPNETCORE_HTTP_PORTS, the variable Kestrel listens on.
port=${ASPNETCORE_HTTP_PORTS:-8080}
port=${port%%[,;]*}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ $status == "HTTP/1.1 200"* ]]
