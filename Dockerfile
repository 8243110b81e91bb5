# One image, two processes: `api` (default) and `worker` (command override in docker-compose.yml).
# Node 24, the current LTS (Node 20 is past its end of life); the project also runs and is tested on
# Node 20.19+ (see "Node versions" in the README).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# A bounded heap (1 GB, far above what any request or job holds): below about 1 GB V8 collects its
# old generation sooner, so a streamed import's garbage does not pile up with the rows read (see
# the import benchmark in the README); with the default limit, sized from the host's memory, a
# 109,000-row dry run has peaked at up to 1.4× the RSS of a 10,900-row one (1.06–1.21× with it).
ENV NODE_OPTIONS=--max-old-space-size=1024
# Evidence files and the embedded mode's data live here, writable by the unprivileged user.
ENV DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# DATA_DIR in docker-compose.yml: a named volume mounted here takes this directory's owner, so
# the unprivileged user can write evidence files (storage/) into it.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
