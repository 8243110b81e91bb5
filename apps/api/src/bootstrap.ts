import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@ff/config';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { validationPipe } from './http/validation.pipe';
import { buildOpenApiDocument } from './openapi';

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
  // A route may raise its own body limit with @RouteConfig({ bodyLimit }) (the bulk self-assessment save).
  adapter.getInstance().addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: number } | undefined)?.bodyLimit;
    if (limit) route.bodyLimit = limit;
  });
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

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
