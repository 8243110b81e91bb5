import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { UsersService } from '@ff/identity';
import { QueueService } from '@ff/queue';
import { exitOnSignal, resolveRuntime } from '@ff/runtime';
import { createApiApp } from './bootstrap';

async function main() {
  const runtime = await resolveRuntime();
  const { config } = runtime;
  const app = await createApiApp(config);
  const logger = new Logger('Bootstrap');

  await app.get(QueueService).checkEvictionPolicy();
  const seeded = await app.get(UsersService).seedAdmin({
    username: config.admin.username,
    password: config.admin.password,
    generate: config.embedded.database,
  });
  if (seeded.oneTimePassword) {
    logger.warn(`已创建管理员账号 ${seeded.username}，一次性密码：${seeded.oneTimePassword}（首次登录须修改）`);
  } else if (seeded.created) {
    logger.log(`已按 ADMIN_USERNAME/ADMIN_PASSWORD 创建管理员账号 ${seeded.username}`);
  }

  exitOnSignal(app, runtime);

  await app.listen(config.port, config.host);
  logger.log(`API listening on http://${config.host}:${config.port} — Swagger UI at /api/docs, health at /health`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
