# syntax=docker/dockerfile:1
# The e2e suite as an image: the whole workspace on Playwright's own image at the Playwright
# version the workspace pins (its Chromium comes with it), running `tools/scripts/run-e2e.sh`
# against a deployment named by the E2E_* variables. Results and the report go to /results
# (E2E_RESULTS_DIR), a volume. Build from the workspace root:
#   docker build -f docker/e2e-runner.Dockerfile -t streamkit-e2e-runner .
#   docker run --rm -e E2E_API_URL=... (every E2E_* variable) -v "$PWD/e2e-results:/results" \
#     streamkit-e2e-runner e2e --projects=e2e-health

FROM node:20.20.2-bookworm-slim AS manifests
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name node_modules -prune -o -name package.json -print | xargs -I{} cp --parents {} /manifests \
 && cp package-lock.json /manifests/

FROM mcr.microsoft.com/playwright:v1.65.1-noble AS runner
ENV CI=true \
    E2E_TARGET=external \
    E2E_RESULTS_DIR=/results \
    NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true
WORKDIR /workspace
RUN chown pwuser:pwuser /workspace && mkdir /results && chown pwuser:pwuser /results
USER pwuser
COPY --chown=pwuser:pwuser --from=manifests /manifests ./
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY --chown=pwuser:pwuser . .
VOLUME /results
# A job, not a service: it runs the suite once and exits with the verdict.
HEALTHCHECK NONE
ENTRYPOINT ["bash", "tools/scripts/run-e2e.sh"]
CMD ["e2e"]
