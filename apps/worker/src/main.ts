import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { QueueService } from '@ff/queue';
import { resolveRuntime } from '@ff/runtime';
import { WorkerModule } from './worker.module';

async function main() {
  const runtime = await resolveRuntime();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime.config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(QueueService).checkEvictionPolicy();
  const shutdown = async () => {
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
