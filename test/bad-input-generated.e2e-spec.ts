import { MAX_INPUT_DEPTH } from '@ff/core';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Route {
  method: string;
  path: string;
  op: Operation;
}

const UUID = '00000000-0000-4000-8000-000000000000';
/** The text policy's classes, each with the code it must be refused with. */
const BAD_TEXT: Array<[name: string, json: string, code: string]> = [
  ['NUL', '"a\\u0000b"', 'text_control_character'],
  ['ESC', '"a\\u001bb"', 'text_control_character'],
  ['lone high surrogate', '"a\\ud800b"', 'text_lone_surrogate'],
  ['lone low surrogate', '"\\udc00"', 'text_lone_surrogate'],
  ['RLO', '"报告\\u202efdp.exe"', 'text_bidi_control'],
  ['RLI', '"\\u2067x"', 'text_bidi_control'],
];
// A lone surrogate cannot travel in a URL: UTF-8 has no encoding for one (its CESU bytes decode to U+FFFD).
const BAD_QUERY: Array<[name: string, raw: string, code: string]> = [
  ['NUL', 'a%00b', 'text_control_character'],
  ['newline', 'a%0Ab', 'text_line_break'],
  ['RLO', '%E2%80%AE', 'text_bidi_control'],
];
const BAD_PAGES = ['1e20', '1e308', '-1', '0', '1.5', 'Infinity', 'NaN', '99999999999999999999'];

/**
 * Every route in the OpenAPI document (/api/docs-json) receives every class of bad input, so a
 * route added tomorrow is covered the day it is added: deep JSON, forbidden text in each body
 * property, query and route parameter, page numbers out of range, multipart without a boundary.
 * Each is a 4xx with the policy's code; nothing, for any role, is a 5xx.
 */
describe('bad input on every route of the OpenAPI document', () => {
  // Hundreds of requests per test (every route × every class × roles); minutes on a loaded machine.
  jest.setTimeout(600_000);
  let t: TestApp;
  let routes: Route[];
  let schemas: Record<string, Schema>;
  const as: Record<string, TestUser | null> = { anonymous: null };
  const serverErrors: string[] = [];

  const send = async (
    who: string,
    method: string,
    url: string,
    body?: { raw: string; type: string },
  ): Promise<{ status: number; body: { code?: string; message?: string; details?: { field?: string }[] } }> => {
    let req = t.http()[method as 'get'](url);
    const user = as[who];
    if (user) req = req.set(bearer(user));
    if (body) req = req.set('Content-Type', body.type).send(body.raw);
    const res = await req;
    if (res.status >= 500) serverErrors.push(`${who} ${method.toUpperCase()} ${url} → ${res.status} ${res.text}`);
    return res;
  };
  const fill = (path: string, value = UUID) => path.replace(/\{[^}]+\}/g, value);
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? resolve(schemas[s.$ref.split('/').pop()!]) : s?.allOf ? resolve(s.allOf[0]) : s;
  /** The body's top-level property names from the document; a route without a body still gets one. */
  const bodyProps = (op: Operation): string[] => {
    const schema = resolve(op.requestBody?.content['application/json']?.schema);
    const names = Object.keys(schema?.properties ?? {});
    return names.length ? names : ['x'];
  };
  const writes = () => routes.filter((r) => r.method !== 'get');

  beforeAll(async () => {
    t = await startTestApp();
    as.admin = await createUser(t, 'admin');
    as.official = await createUser(t, 'official', { regionCode: '330000' });
    as.enterprise = await createUser(t, 'enterprise');
    as.county = await createUser(t, 'recommender', { regionCode: '330106' });
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    schemas = doc.components?.schemas ?? {};
    routes = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method, path, op })),
    );
  });
  afterAll(() => t.close());

  it('finds the routes in the document', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['post /api/v1/auth/login', 'get /api/v1/applications']),
    );
  });

  it(`refuses JSON nested beyond ${MAX_INPUT_DEPTH} levels (≈15 KB of brackets) on every write route`, async () => {
    const raw = '['.repeat(7500) + ']'.repeat(7500);
    for (const r of writes())
      for (const who of ['anonymous', 'official']) {
        const res = await send(who, r.method, fill(r.path), { raw, type: 'application/json' });
        expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
          route: `${r.method} ${r.path}`,
          status: 400,
          code: 'body_too_deep',
        });
      }
  });

  it('refuses forbidden text in every body property of every write route', async () => {
    for (const r of writes())
      for (const prop of bodyProps(r.op))
        for (const [name, json, code] of BAD_TEXT) {
          const raw = `{${JSON.stringify(prop)}:${json}}`;
          const res = await send('enterprise', r.method, fill(r.path), { raw, type: 'application/json' });
          expect({ route: `${r.method} ${r.path} ${prop} ${name}`, status: res.status, code: res.body.code }).toEqual({
            route: `${r.method} ${r.path} ${prop} ${name}`,
            status: 400,
            code,
          });
          expect(res.body.details).toEqual([expect.objectContaining({ field: prop, code })]);
        }
  });

  it('refuses forbidden text in every query and route parameter', async () => {
    for (const r of routes) {
      const params = r.op.parameters ?? [];
      for (const [name, raw, code] of BAD_QUERY) {
        for (const p of params.filter((q) => q.in === 'query')) {
          const res = await send('official', r.method, `${fill(r.path)}?${p.name}=${raw}`);
          expect({ route: `${r.method} ${r.path}?${p.name} ${name}`, status: res.status, code: res.body.code }).toEqual(
            { route: `${r.method} ${r.path}?${p.name} ${name}`, status: 400, code },
          );
        }
        if (params.some((q) => q.in === 'path')) {
          const res = await send('official', r.method, fill(r.path, raw));
          expect({ route: `${r.method} ${r.path} path ${name}`, status: res.status, code: res.body.code }).toEqual({
            route: `${r.method} ${r.path} path ${name}`,
            status: 400,
            code,
          });
        }
      }
    }
  });

  it('refuses page numbers out of range on every list route, for every role that may list', async () => {
    const lists = routes.filter((r) => r.op.parameters?.some((p) => p.in === 'query' && p.name === 'page'));
    expect(lists.length).toBeGreaterThan(2);
    for (const r of lists)
      for (const param of ['page', 'pageSize'])
        for (const value of BAD_PAGES) {
          const statuses: number[] = [];
          for (const who of ['admin', 'official', 'enterprise', 'county']) {
            const res = await send(who, r.method, `${fill(r.path)}?${param}=${value}`);
            statuses.push(res.status);
            if (res.status === 400) expect(res.body.details).toContainEqual(expect.objectContaining({ field: param }));
          }
          expect({ route: `${r.method} ${r.path}?${param}=${value}`, statuses }).toEqual({
            route: `${r.method} ${r.path}?${param}=${value}`,
            statuses: expect.arrayContaining([400]),
          });
          expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
        }
  });

  it('refuses a multipart body without a boundary on every write route', async () => {
    for (const r of writes()) {
      const res = await send('enterprise', r.method, fill(r.path), { raw: 'x', type: 'multipart/form-data' });
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 400,
        code: 'multipart_malformed',
      });
    }
  });

  it('answered none of the above with a 5xx, for any role', () => {
    expect(serverErrors).toEqual([]);
  });
});
