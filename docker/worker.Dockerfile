# syntax=docker/dockerfile:1
# The generation worker (apps/worker: BullMQ consumer rendering PNGs with sharp). Build from the
# workspace root: docker build -f docker/worker.Dockerfile .
# Stages as in api.Dockerfile; sharp's prebuilt linux-x64 binary comes with its npm package.

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
RUN node_modules/.bin/tsx tools/delivery/src/bundle-app.ts apps/worker/src/main.ts apps/worker/dist/main.mjs \
 && node_modules/.bin/tsx tools/delivery/src/bundle-app.ts tools/delivery/src/healthchecks/worker-main.ts apps/worker/dist/healthcheck.mjs

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --workspace=@streamkit/worker --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /workspace/apps/worker/dist ./apps/worker/dist
USER node
# No port: healthy means its BullMQ connection is in Redis' client list.
HEALTHCHECK --interval=5s --timeout=5s --start-period=15s --retries=5 \
  CMD ["node", "apps/worker/dist/healthcheck.mjs"]
CMD ["node", "apps/worker/dist/main.mjs"]
