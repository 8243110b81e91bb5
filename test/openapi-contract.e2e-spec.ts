import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { FIELD_LABELS } from '../apps/api/src/http/field-labels';
import { buildOpenApiDocument } from '../apps/api/src/openapi';
import {
  documentProblems,
  documentedClasses,
  duplicateSchemaNames,
  operations,
  refusedExamples,
} from './support/openapi-walker';
import { TestApp, startTestApp } from './support/test-app';

const bin = (name: string) => join(__dirname, '..', 'node_modules', '.bin', name);

describe('the OpenAPI document is a contract a portal can be generated from', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('documents every operation: verb operationId, described tag, typed 2xx view, the 4xx it can return', () => {
    expect(operations(doc).length).toBeGreaterThan(30);
    expect(documentProblems(doc, FIELD_LABELS)).toEqual([]);
  });

  it('names each schema after exactly one class', () => {
    const classes = documentedClasses(t.app);
    expect(classes.length).toBeGreaterThan(20);
    expect(duplicateSchemaNames(classes)).toEqual([]);
    // And swagger itself saw no two different schemas under one name while building the document.
    const warn = jest.spyOn(Logger, 'warn');
    try {
      buildOpenApiDocument(t.app);
      expect(warn.mock.calls.filter(([m]) => String(m).includes('Duplicate DTO'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('gives only examples that the system itself accepts', () => {
    expect(refusedExamples(documentedClasses(t.app))).toEqual([]);
  });

  it('documents, for a route refused without a session, the 401 it answers', async () => {
    for (const { method, path, op } of operations(doc)) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await (t.http() as any)[method](url).send(method === 'get' ? undefined : {});
      if (res.status === 401) expect([`${method} ${path}`, !!op.responses['401']]).toEqual([`${method} ${path}`, true]);
    }
  });

  it('generates TypeScript types with openapi-typescript that compile, with typed list items', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-openapi-'));
    const run = (cmd: string, args: string[]) => {
      try {
        execFileSync(bin(cmd), args, { stdio: 'pipe' });
        return '';
      } catch (e) {
        return String((e as { stdout?: Buffer }).stdout ?? e) + String((e as { stderr?: Buffer }).stderr ?? '');
      }
    };
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      expect(run('openapi-typescript', [join(dir, 'openapi.json'), '-o', join(dir, 'api.d.ts')])).toBe('');
      expect(readFileSync(join(dir, 'api.d.ts'), 'utf8')).toContain('listApplications: {');
      // A portal's use of the generated types: a typed list item, the hints and the shared error body.
      writeFileSync(
        join(dir, 'portal.ts'),
        [
          "import type { paths, components } from './api';",
          "type List = paths['/api/v1/applications']['get']['responses'][200]['content']['application/json'];",
          'export const statusNameOf = (l: List): string[] => l.items.map((a) => a.statusName);',
          "export const messageOf = (e: components['schemas']['ErrorBodyView']): string => e.message;",
          "type Actions = components['schemas']['ApplicationDetailView']['allowedActions'];",
          'export const firstAction = (a: Actions): string => a[0].action;',
        ].join('\n'),
      );
      const flags = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext'];
      expect(run('tsc', [...flags, '--moduleResolution', 'bundler', join(dir, 'portal.ts')])).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
