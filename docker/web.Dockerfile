# syntax=docker/dockerfile:1
# The web app (apps/web): built with Vite, served by unprivileged nginx, which proxies `/api` and
# `/health` to WEB_API_URL (default http://api:3000) and sends the app's security headers
# (WEB_STORAGE_ORIGIN: where the browser loads stored images from). Build from the workspace root:
# docker build -f docker/web.Dockerfile .

FROM node:20.20.2-bookworm-slim AS manifests
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name node_modules -prune -o -name package.json -print | xargs -I{} cp --parents {} /manifests \
 && cp package-lock.json /manifests/

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /workspace
COPY --from=manifests /manifests ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
WORKDIR /workspace/apps/web
RUN node ../../node_modules/vite/bin/vite.js build --logLevel warn
# The headers the suite tests (apps/web/security-headers.ts), as nginx lines.
RUN /workspace/node_modules/.bin/tsx /workspace/tools/delivery/src/nginx-security-headers.ts > /workspace/security-headers.conf.template

# Runs as nginx (uid 101) and listens on 8080: no root, no privileged port.
FROM nginxinc/nginx-unprivileged:1.28.0-alpine AS runtime
ENV WEB_API_URL=http://api:3000 \
    WEB_STORAGE_ORIGIN=""
COPY docker/web.nginx.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /workspace/security-headers.conf.template /etc/nginx/templates/security-headers.conf.template
COPY --from=build /workspace/apps/web/dist /usr/share/nginx/html
USER nginx
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=5 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/login"]
