import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseEnv } from '@ff/config';
import { UsersService } from '@ff/identity';
import { QueueService } from '@ff/queue';
import { assertPortFree, exitOnSignal, resolveRuntime, type Runtime } from '@ff/runtime';
import { createApiApp } from './bootstrap';
import { adminBanner } from './admin-banner';

async function main() {
  // Before anything is created: a busy port must not leave a half-made data directory behind.
  const env = parseEnv(process.env);
  await assertPortFree(env.PORT, env.HOST, 'PORT');
  const runtime = await resolveRuntime();
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApiApp(runtime.config);
    await listen(app, runtime);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await runtime.stop().catch(() => undefined);
    throw e;
  }
}

async function listen(app: NestFastifyApplication, runtime: Runtime) {
  const { config } = runtime;
  const logger = new Logger('Bootstrap');
  await app.get(QueueService).checkEvictionPolicy();
  const seeded = await app.get(UsersService).seedAdmin({
    username: config.admin.username,
    password: config.admin.password,
    generate: config.embedded.database,
  });
  if (seeded.created && !seeded.oneTimePassword) {
    logger.log(`已按 ADMIN_USERNAME/ADMIN_PASSWORD 创建管理员账号 ${seeded.username}`);
  }

  exitOnSignal(app, runtime);

  await app.listen(config.port, config.host);
  logger.log(`API listening on http://${config.host}:${config.port} — Swagger UI at /api/docs, health at /health`);
  // After the route lines and the listen line, straight to stdout (not into the structured log),
  // so the one thing a first-time user must copy stands out and is not kept by log collectors.
  if (seeded.oneTimePassword) {
    process.stdout.write(adminBanner(seeded.username, seeded.oneTimePassword, `http://localhost:${config.port}`));
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
