import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@ff/config';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { validationPipe } from './http/validation.pipe';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the fully configured HTTP application; `main.ts` and the e2e tests share it. */
export async function createApiApp(
  config: AppConfig,
  opts: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  mkdirSync(config.dataDir, { recursive: true });
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimit,
    // Only named proxies may set the client address (rate limit, audit): X-Forwarded-For is client input.
    trustProxy: config.http.trustProxy,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  await app.register(multipart as never, {
    limits: { fileSize: config.http.uploadMaxBytes, files: 1, fields: 10, parts: 11, fieldSize: 4096 },
  });
  // CORS_ORIGINS: browsers on these origins may call the API; unset, no CORS header is ever sent.
  if (config.http.corsOrigins.length) {
    app.enableCors({
      origin: config.http.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Retry-After', 'Content-Disposition'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('浙江省“未来工厂”分级申报评审系统 API')
      .setDescription(
        '申报批次、企业登记、自评与佐证材料、形式审查（规则库表1–15）、属地推荐。' +
          '所有接口（除登录、刷新令牌、注册、健康检查外）需在 Authorization 头携带 Bearer 访问令牌；' +
          '错误统一返回 { code, message, details[], requestId }，message 为中文。',
      )
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
