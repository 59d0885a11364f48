# syntax=docker/dockerfile:1
# The API (apps/api). Build from the workspace root: docker build -f docker/api.Dockerfile .
# Stages: manifests (every package.json and the lockfile, so the install layers are cached until
# a dependency changes), build (all dependencies; the app bundled into one ES module), runtime
# (production dependencies of @streamkit/api only, the bundle, the SQL migrations; non-root).

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
RUN node_modules/.bin/tsx tools/delivery/src/bundle-app.ts apps/api/src/main.ts apps/api/dist/main.mjs

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=3000
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --workspace=@streamkit/api --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /workspace/apps/api/dist ./apps/api/dist
COPY apps/api/migrations ./apps/api/migrations
USER node
EXPOSE 3000
# 503 while PostgreSQL, Redis or storage is unreachable: the container is unhealthy too.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.API_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations are a step of their own (the compose `migrate` service runs node-pg-migrate from this
# image), run once per deploy before the new colour starts, not by every replica at boot.
CMD ["node", "apps/api/dist/main.mjs"]
