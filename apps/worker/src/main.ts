import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { QueueService } from '@ff/queue';
import { exitOnSignal, resolveRuntime } from '@ff/runtime';
import { WorkerModule } from './worker.module';

async function main() {
  if (!process.env.DATABASE_URL) {
    // The embedded database belongs to the api process, which then runs the processors itself.
    throw new Error(
      '独立的 worker 进程须配置 DATABASE_URL（与 API 共用的数据库）。未配置数据库时系统以内置模式运行，任务处理器在 API 进程（npm start）内执行，无需启动 worker。',
    );
  }
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
