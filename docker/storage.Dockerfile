# syntax=docker/dockerfile:1
# Object storage (apps/storage). Build from the workspace root: docker build -f docker/storage.Dockerfile .
# Stages: manifests (every package.json and the lockfile, so the install layers are cached until
# a dependency changes), build (all dependencies; the app bundled into one ES module), runtime
# (production dependencies of @streamkit/storage only, the bundle, its SQL migrations; non-root).

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
RUN node_modules/.bin/tsx tools/delivery/src/bundle-app.ts apps/storage/src/main.ts apps/storage/dist/main.mjs

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    STORAGE_HOST=0.0.0.0 \
    STORAGE_PORT=5000 \
    STORAGE_DATA_DIR=/data
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --workspace=@streamkit/storage --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && mkdir /data && chown node:node /data
COPY --from=build /workspace/apps/storage/dist ./apps/storage/dist
# It applies its own metadata migrations at start.
COPY apps/storage/migrations ./apps/storage/migrations
USER node
VOLUME /data
EXPOSE 5000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.STORAGE_PORT||5000)+'/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/storage/dist/main.mjs"]
