import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SYSTEM_ACTOR, type Role } from '@ff/core';
import { UsersService } from '@ff/identity';
import { resolveRuntime, type Runtime } from '@ff/runtime';
import type { AppConfig } from '@ff/config';
import { createApiApp } from '../../apps/api/src/bootstrap';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Boots the real API (+ in-process worker) against this run's schema and Redis prefix. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  opts: { migrate?: boolean } = {},
): Promise<TestApp> {
  const runtime: Runtime = await resolveRuntime({ ...process.env, ...overrides }, { migrate: opts.migrate ?? false });
  const app = await createApiApp(runtime.config, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config: runtime.config,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await runtime.stop();
    },
  };
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
export const TEST_PASSWORD = 'Test-Passw0rd!';

export interface TestUser {
  id: string;
  username: string;
  token: string;
  refreshToken: string;
}

/** Creates a user directly (no first-login password change) and logs in over HTTP. */
export async function createUser(t: TestApp, role: Role, extra: { regionCode?: string } = {}): Promise<TestUser> {
  const username = unique(role);
  const user = await t.app
    .get(UsersService)
    .create(
      SYSTEM_ACTOR,
      {},
      { username, displayName: `测试${role}`, password: TEST_PASSWORD, role, regionCode: extra.regionCode },
      { mustChangePassword: false },
    );
  const res = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
  return { id: user.id, username, token: res.body.accessToken, refreshToken: res.body.refreshToken };
}

export const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

/** A supertest parser that keeps the body as bytes: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: unknown, done: (e: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
