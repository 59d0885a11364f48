# syntax=docker/dockerfile:1
# What the local stack runs itself, as an image for the compose stack: MailDev (SMTP capture with
# the HTTP API the mail fixture reads), the OAuth provider (tools/stack/src/oauth-server.ts) and
# the database login roles step (tools/stack/src/app-roles.ts), at tools/stack's pinned versions.
# Build from the workspace root: docker build -f docker/test-doubles.Dockerfile .
# Run: `node node_modules/maildev/dist/bin/maildev.js ...`, `node tools/stack/dist/oauth-server.mjs`
# or `node tools/stack/dist/app-roles.mjs`.

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
RUN node_modules/.bin/tsx tools/delivery/src/bundle-app.ts tools/stack/src/oauth-server.ts tools/stack/dist/oauth-server.mjs \
 && node_modules/.bin/tsx tools/delivery/src/bundle-app.ts tools/stack/src/app-roles.ts tools/stack/dist/app-roles.mjs

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    OAUTH_MOCK_HOST=0.0.0.0 \
    OAUTH_MOCK_PORT=8080
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --workspace=@streamkit/stack --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /workspace/tools/stack/dist ./tools/stack/dist
USER node
EXPOSE 1025 1080 8080
# Each service overrides this with the check for what it runs (the compose file does); by default
# the image runs the OAuth provider.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OAUTH_MOCK_PORT||8080)+'/.well-known/openid-configuration').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "tools/stack/dist/oauth-server.mjs"]
