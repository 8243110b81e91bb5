import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { uniquePdf } from './fixtures';
import { TestApp, TestUser, bearer } from './test-app';

/**
 * One runner for every context's access matrix. A context declares its cases — route, method, who
 * calls, the expected status — usually as a role table per route (`each`), with `{name}`
 * placeholders for its own and other parties' ids; the runner sends each case and checks what every
 * refusal must hold:
 * - the status, and for a refusal the error code (401 unauthorized, 403 forbidden, 404 not_found
 *   unless the case names another) and a Chinese message;
 * - 403 and 404 leave one `access.denied` audit row for that actor and target (the route for a 403,
 *   the path's resource for a 404 — or the case's `audited` target); a 401 records nothing;
 * - a refused write changes nothing (the context's `unchanged` fingerprint), and an uploaded file is
 *   stored only when the upload is accepted;
 * - an allowed read of `/<resource>/<id>` answers that id (no leak of another row).
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** A status, or `ok` for any success (a route whose exact 2xx the matrix does not pin). */
export type Expected = number | 'ok';

export interface AccessCase<Who extends string> {
  method: Method;
  /** `{name}` placeholders are filled from the context's ids; `{random}` is a fresh UUID per request. */
  path: string;
  as: Who;
  expect: Expected;
  body?: object | (() => object);
  /** Send a fresh (never stored before) PDF as the multipart field `file`. */
  upload?: boolean;
  /** The error code, when the status alone does not say it (409s, 400s). */
  code?: string;
  /** The audited target of a denial when it is neither the route (403) nor the path's resource (404). */
  audited?: [entityType: string, idPlaceholder: string];
}

export interface AccessMatrix<Who extends string> {
  app: () => TestApp;
  /** Who is who; `anonymous` calls without a session. Filled in the spec's beforeAll. */
  users: Partial<Record<Who, TestUser>>;
  /** The ids the placeholders name. Filled in the spec's beforeAll. */
  ids: Record<string, string>;
  /** Path segment → audited entity type, for 404s on `/<segment>/<id>…` (others are not checked). */
  resources?: Record<string, string>;
  /** A fingerprint of the data a refused write must leave as it was (none: not checked). */
  unchanged?: (t: TestApp) => Promise<unknown>;
}

const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };
const CJK = /[\u4e00-\u9fff]/;

/** One case per role of `expectations`: the readable form of the matrix. */
export const each = <Who extends string>(
  method: Method,
  path: string,
  expectations: Partial<Record<Who, Expected>>,
  extra: Partial<AccessCase<Who>> = {},
): AccessCase<Who>[] =>
  (Object.entries(expectations) as [Who, Expected][]).map(([as, expect]) => ({ method, path, as, expect, ...extra }));

export const label = (c: AccessCase<string>) =>
  `${c.as} ${c.method.toUpperCase()} ${c.path} → ${c.expect}${c.code ? ` ${c.code}` : ''}`;

/** `it.each` rows: the label, then the case. */
export const rows = <Who extends string>(cases: AccessCase<Who>[]) => cases.map((c) => [label(c), c] as const);

export function accessMatrix<Who extends string>(m: AccessMatrix<Who>) {
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key === 'random') return randomUUID();
      if (!m.ids[key]) throw new Error(`no id for {${key}}`);
      return m.ids[key];
    });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await m.app().app.get(DataSource).query(sql, params))[0].n);
  const denials = (actorId: string, [entityType, entityId]: [string, string]) =>
    count(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied' AND actor_id = $1 AND entity_type = $2 AND entity_id = $3`,
      [actorId, entityType, entityId],
    );
  const blobPath = (bytes: Buffer) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    return join(m.app().config.storageDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  const resourceOf = (path: string) => {
    const match = /^\/([a-z-]+)\/([^/?]+)/.exec(path);
    return match && m.resources?.[match[1]] ? ([m.resources[match[1]], match[2]] as [string, string]) : null;
  };

  function auditTarget(c: AccessCase<Who>, path: string): [string, string] | null {
    if (c.audited) return [c.audited[0], fill(c.audited[1])];
    if (c.expect === 403) return ['route', `${c.method.toUpperCase()} /api/v1${path.split('?')[0]}`];
    return resourceOf(path);
  }

  /** Sends one case and checks the status and everything a refusal must hold. */
  async function run(c: AccessCase<Who>) {
    const t = m.app();
    const path = fill(c.path);
    const user = (c.as as string) === 'anonymous' ? null : m.users[c.as];
    if ((c.as as string) !== 'anonymous' && !user) throw new Error(`no user ${c.as}`);
    const refused = c.expect !== 'ok' && c.expect >= 400;
    const target = user && (c.expect === 403 || c.expect === 404) ? auditTarget(c, path) : null;
    const before = m.unchanged && c.method !== 'get' && refused ? await m.unchanged(t) : null;
    const auditRows = c.expect === 401 ? await count(`SELECT count(*) AS n FROM audit_events`) : 0;
    const deniedBefore = target ? await denials(user!.id, target) : 0;

    let req = t.http()[c.method](`/api/v1${path}`);
    if (user) req = req.set(bearer(user));
    const file = c.upload ? uniquePdf() : null;
    if (file) req = req.attach('file', file, { filename: '佐证材料.pdf', contentType: 'application/pdf' });
    else if (typeof c.body === 'function') req = req.send(c.body());
    else if (c.body) req = req.send(JSON.parse(fill(JSON.stringify(c.body))));
    const res = await req;

    const ok = c.expect === 'ok' ? res.status < 400 : res.status === c.expect;
    if (!ok) throw new Error(`${label(c)}: got ${res.status} ${JSON.stringify(res.body)}`);
    if (refused) {
      expect(res.body.code).toBe(c.code ?? ERROR_CODES[c.expect as number]);
      expect(res.body.message).toMatch(CJK);
    }
    if (target) expect(await denials(user!.id, target)).toBe(deniedBefore + 1);
    if (c.method === 'get' && !refused && /^\/[a-z-]+\/[^/?]+$/.test(path) && resourceOf(path)) {
      expect(res.body.id).toBe(path.split('/')[2]);
    }
    // No session, no actor: refused before anything is looked up or recorded.
    if (c.expect === 401) expect(await count(`SELECT count(*) AS n FROM audit_events`)).toBe(auditRows);
    if (before) expect(await m.unchanged!(t)).toEqual(before);
    if (file) expect(existsSync(blobPath(file))).toBe(!refused);
    return res;
  }

  /** One test per case, in order. */
  const cases = (list: AccessCase<Who>[]) =>
    it.each(rows(list))('%s', async (_, c) => {
      await run(c);
    });

  return { run, fill, count, cases };
}
