import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { scratchSchema } from '@ff/runtime';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const schema = scratchSchema(process.env.DATABASE_SCHEMA!, 'cli');
// Its own data directory too: the audit checkpoints kept there belong to this schema's chain.
const dataDir = join(process.env.DATA_DIR!, 'cli');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI as `npm run <command>` runs it after its build step, in a child process. */
function run(command: string | string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...[command].flat()],
      {
        cwd: root,
        env: { ...process.env, DATABASE_SCHEMA: schema, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Every documented CLI command, run as a user runs it — the built entry point in its own process —
 * against a schema of its own: migrations from empty, the first admin, the audit chain intact and
 * then tampered with, and the catalog export.
 */
describe('CLI (built, in a child process)', () => {
  // Each command is a fresh Node process loading Nest; on a loaded machine that takes seconds.
  jest.setTimeout(90_000);
  const pg = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('run `npm run build` first (npm test does)');
    await pg.connect();
  });
  afterAll(async () => {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  it('each npm script runs this entry point after building', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const command of ['migration:run', 'seed', 'audit:verify', 'audit:seal', 'audit:anchors', 'catalog:export'])
      expect(scripts[command]).toMatch(new RegExp(`build.*&& node dist/apps/cli/src/main\\.js ${command}$`));
  });

  it('migration:run creates the schema from empty, and a second run changes nothing', async () => {
    const first = await run('migration:run');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('迁移已执行完毕');
    const [{ n }] = (
      await pg.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [schema])
    ).rows;
    expect(n).toBeGreaterThan(5);
    expect(await run('migration:run')).toMatchObject({ code: 0 });
  });

  it('seed creates the first admin once, and says so', async () => {
    const env = { ADMIN_USERNAME: 'cliadmin', ADMIN_PASSWORD: 'Cli-Adm1n-Passw0rd' };
    const first = await run('seed', env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('已创建管理员 cliadmin');
    const again = await run('seed', env);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('管理员已存在，未做改动');
    const { rows } = await pg.query(`SELECT role FROM "${schema}".users WHERE username = 'cliadmin'`);
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('audit:seal chains what the commands wrote and signs a checkpoint outside the database', async () => {
    const { rows } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".audit_events WHERE seq IS NULL`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    const sealed = await run('audit:seal');
    expect(sealed).toMatchObject({ code: 0, stderr: '' });
    expect(sealed.stdout).toContain(`已封链 ${rows[0].n} 条记录；检查点：第 ${rows[0].n} 条，sha256 `);
    const anchors = await run('audit:anchors');
    expect(anchors.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(anchors.stdout).toContain(`"seq":"${rows[0].n}"`);
    expect(
      readFileSync(join(dataDir, 'audit', 'anchors.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('audit:verify passes an intact chain (exit 0) and names the first tampered row (exit 2)', async () => {
    const intact = await run('audit:verify');
    const { rows } = await pg.query<{ id: string; seq: string }>(
      `SELECT id, seq FROM "${schema}".audit_events ORDER BY seq`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(intact).toMatchObject({ code: 0, stderr: '' });
    expect(intact.stdout).toContain(`已校验 ${rows.length} 条已封链记录`);
    expect(intact.stdout).toContain(`签名检查点：1 个有效`);
    expect(intact.stdout).toContain('审计日志完整');

    // Behind the application's back: the append-only trigger switched off, one row edited.
    await pg.query('BEGIN');
    await pg.query(`ALTER TABLE "${schema}".audit_events DISABLE TRIGGER audit_events_no_change`);
    await pg.query(`UPDATE "${schema}".audit_events SET action = action || '.x' WHERE id = $1`, [rows[0].id]);
    await pg.query(`ALTER TABLE "${schema}".audit_events ENABLE TRIGGER audit_events_no_change`);
    await pg.query('COMMIT');

    const tampered = await run('audit:verify');
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain(`第一处损坏：第 1 条（记录号 ${rows[0].id}，hash_mismatch）`);
    expect(tampered.stderr).toContain('记录已被篡改');
  });

  it('audit:verify with an auditor’s copy: a checkpoint signed by another key is refused', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { writeFileSync } = await import('node:fs');
    const other = join(dataDir, 'other.pub');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await run(['audit:verify', '--public-key', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('anchor_bad_signature');
  });

  it('catalog:export prints the catalog as JSON and nothing else', async () => {
    const r = await run('catalog:export');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const catalog = JSON.parse(r.stdout);
    expect(catalog).toMatchObject({ version: expect.any(String) });
    expect(JSON.stringify(catalog)).toContain('sd01');
  });

  it('an unknown command prints the usage and exits 1', async () => {
    const r = await run('no-such-command');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('用法');
  });
});
