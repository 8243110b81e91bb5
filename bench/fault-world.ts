import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { makeCreditCode } from '@ff/enterprises';
import { hashPassword } from '@ff/identity';
import { http, type Reply } from './fault-env';

const PASSWORD = 'Fault-Passw0rd!';
const NARRATIVE = '已建成覆盖全部产线的设备联网与数据采集系统，实时采集设备运行参数并用于生产调度和质量追溯。';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const OUTCOMES = ['application.precheck_pass', 'application.precheck_fail', 'application.precheck_stale'];

export interface Draft {
  id: string;
  token: string;
  clauseId: string;
}

/** The data the fault scenarios act on, made over HTTP like a user would (the official directly in SQL). */
export class World {
  private serial = 0;
  private constructor(
    private readonly base: string,
    private sql: Client,
    private readonly official: string,
    private readonly batchId: string,
  ) {}

  static async create(base: string, _env: NodeJS.ProcessEnv, sql: Client): Promise<World> {
    const username = `fault_official_${randomBytes(3).toString('hex')}`;
    await sql.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code, password_changed_at)
       VALUES ($1, '故障演练主管部门', $2, 'official', '330000', now())`,
      [username, await hashPassword(PASSWORD)],
    );
    const login = await http(base, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD });
    const official = login.body.accessToken as string;
    const batch = await http(base, official, 'POST', '/api/v1/batches', {
      code: `FAULT-${Date.now().toString(36)}`,
      title: '故障演练批次',
      tiers: ['workshop'],
      submissionOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
      submissionClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${batch.text}`);
    await http(base, official, 'POST', `/api/v1/batches/${batch.body.id}/open`);
    return new World(base, sql, official, batch.body.id as string);
  }

  useSql(sql: Client): void {
    this.sql = sql;
  }

  private call(token: string | null, method: string, path: string, body?: unknown): Promise<Reply> {
    return http(this.base, token, method, `/api/v1${path}`, body);
  }

  private async ok(token: string | null, method: string, path: string, body?: unknown) {
    const r = await this.call(token, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  }

  /** `n` enterprises, each with a complete draft (every clause met, one evidence file). */
  async drafts(n: number): Promise<Draft[]> {
    const one = async (): Promise<Draft> => {
      const i = this.serial++;
      const username = `fault_ent_${randomBytes(4).toString('hex')}`;
      await this.ok(null, 'POST', '/auth/register', { username, displayName: `演练企业${i}`, password: PASSWORD });
      const token = (await this.ok(null, 'POST', '/auth/login', { username, password: PASSWORD }))
        .accessToken as string;
      const code = Array.from({ length: 9 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
      await this.ok(token, 'POST', '/enterprises', {
        name: `演练企业${Date.now().toString(36)}${i}有限公司`,
        creditCode: makeCreditCode(`91330106${code}`),
        regionCode: '330106',
        industryMode: 'discrete',
      });
      const app = await this.ok(token, 'POST', '/applications', { batchId: this.batchId, tier: 'workshop' });
      const form = new FormData();
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), '佐证材料.pdf');
      const evidence = await this.ok(token, 'POST', `/applications/${app.id}/evidence`, form);
      const sheet = await this.ok(token, 'GET', `/applications/${app.id}/self-assessment`);
      const clauses = sheet.clauses as { clauseId: string }[];
      await this.ok(token, 'PUT', `/applications/${app.id}/self-assessment`, {
        declarations: clauses.map((c) => ({
          clauseId: c.clauseId,
          status: 'met',
          narrative: NARRATIVE,
          evidenceIds: [evidence.id],
        })),
      });
      return { id: app.id as string, token, clauseId: clauses[0].clauseId };
    };
    const out: Draft[] = [];
    for (let i = 0; i < n; i += 6) out.push(...(await Promise.all(Array.from({ length: Math.min(6, n - i) }, one))));
    return out;
  }

  submit(d: Draft): Promise<Reply> {
    return this.call(d.token, 'POST', `/applications/${d.id}/submit`);
  }

  /** One request of the mixed load: reads of lists and details, a one-clause save (a write). */
  mixedRequest(lane: number, d?: Draft): Promise<Reply> {
    const kind = lane % 4;
    if (kind === 0) return this.call(this.official, 'GET', '/applications?pageSize=20');
    if (kind === 1) return this.call(this.official, 'GET', '/batches');
    if (kind === 2) return this.call(this.official, 'GET', `/batches/${this.batchId}`);
    return d
      ? this.call(d.token, 'PUT', `/applications/${d.id}/self-assessment/${d.clauseId}`, {
          status: 'met',
          narrative: `${NARRATIVE}（${Date.now()}）`,
        })
      : this.call(this.official, 'GET', '/applications?pageSize=5&page=2');
  }

  async statusOf(d: Draft): Promise<string> {
    return (await this.sql.query(`SELECT status FROM applications WHERE id = $1`, [d.id])).rows[0].status;
  }

  /** Submissions still waiting for their pre-check. */
  async pending(): Promise<number> {
    const { rows } = await this.sql.query(
      `SELECT count(*)::int AS n FROM application_submissions WHERE precheck_status = 'pending'`,
    );
    return rows[0].n;
  }

  /** Every draft submitted once, pre-checked once: one submission, not pending, one outcome event. */
  async exactlyOnce(drafts: Draft[]): Promise<{ ok: boolean; detail: string }> {
    const { rows } = await this.sql.query(
      `SELECT a.id,
              (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id) AS submissions,
              (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id AND s.precheck_status = 'pending') AS pending,
              (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = a.id::text AND e.action = ANY($2)) AS outcomes
         FROM applications a WHERE a.id = ANY($1)`,
      [drafts.map((d) => d.id), OUTCOMES],
    );
    const wrong = rows.filter((r) => r.submissions !== 1 || r.pending !== 0 || r.outcomes !== 1);
    const outcomes = rows.reduce((s, r) => s + r.outcomes, 0);
    return {
      ok: rows.length === drafts.length && wrong.length === 0,
      detail: `(${rows.length} applications, ${outcomes} outcome events, ${wrong.length} wrong${wrong.length ? `: ${JSON.stringify(wrong.slice(0, 3))}` : ''})`,
    };
  }

  /** Applications marked submitted without the submission they point at. */
  async halfWritten(): Promise<number> {
    const { rows } = await this.sql.query(
      `SELECT count(*)::int AS n FROM applications a WHERE a.status <> 'draft' AND NOT EXISTS
         (SELECT 1 FROM application_submissions s WHERE s.id = a.current_submission_id)`,
    );
    return rows[0].n;
  }
}
