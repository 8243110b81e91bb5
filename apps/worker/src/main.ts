import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { QueueService } from '@ff/queue';
import { exitOnSignal, resolveRuntime } from '@ff/runtime';
import { WorkerModule } from './worker.module';

async function main() {
  const runtime = await resolveRuntime();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime.config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.get(QueueService).checkEvictionPolicy();
  exitOnSignal(app, runtime);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
