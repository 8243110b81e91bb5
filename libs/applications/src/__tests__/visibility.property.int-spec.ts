import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLES, type Actor } from '@ff/core';
import { dataSourceOptions, runMigrations, type SqlCondition, type VisibilityPolicy } from '@ff/database';
import { batchVisibility, type BatchStatus } from '@ff/batches';
import { enterpriseVisibility } from '@ff/enterprises';
import { ZHEJIANG_REGIONS } from '@ff/regions';
import { scratchSchema } from '@ff/runtime';
import { applicationVisibility } from '../applications.policy';

/**
 * Each visibility policy's three forms — the predicate, the SQL condition and the bulk id check —
 * agree on every (actor, row) pair: generated actors of every role, jurisdiction (province, city,
 * county, unknown, none) and enterprise, against generated rows in the real PostgreSQL schema.
 */
describe('visibility policies: predicate, SQL and allowedIds agree', () => {
  const config = {
    database: {
      url: process.env.DATABASE_URL!,
      schema: scratchSchema(process.env.DATABASE_SCHEMA!, 'visibility'),
      poolSize: 2,
    },
  };
  let ds: DataSource;

  beforeAll(async () => {
    await runMigrations(config);
    ds = await new DataSource({ ...dataSourceOptions(config), entities: [] }).initialize();
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
    await ds.destroy();
  });

  const counties = ZHEJIANG_REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
  const jurisdictions = [...ZHEJIANG_REGIONS.filter((r) => r.level !== 'county').map((r) => r.code), ...counties];
  const STATUSES: BatchStatus[] = ['draft', 'open', 'closed'];

  const world = fc.array(
    fc.record({
      // An enterprise is only ever given a current county.
      regionCode: fc.constantFrom(...counties),
      applications: fc.uniqueArray(
        fc.record({ batch: fc.constantFrom(0, 1, 2), submitted: fc.boolean(), imported: fc.boolean() }),
        { selector: (a) => a.batch, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  );
  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
  const actor = fc.record({
    role: fc.constantFrom(...ROLES),
    // An index into the generated enterprises, a foreign enterprise, or none.
    enterprise: fc.oneof(fc.nat(5), fc.constant('foreign' as const), fc.constant(null)),
    regionCode: fc.oneof(fc.constantFrom(...jurisdictions), fc.constant('339999'), fc.constant(null)),
  });

  async function insert(em: EntityManager, rows: World) {
    const batches: { id: string; status: BatchStatus }[] = [];
    for (const [i, status] of STATUSES.entries()) {
      const [b] = await em.query(
        `INSERT INTO batches (code, title, rule_set_version, tiers, submission_opens_at, submission_closes_at, status,
           precheck_policy, scoring_policy, panel_sizes, eligibility_policy)
         VALUES ($1, '批次', 'v1', '{workshop}', now(), now() + interval '1 day', $2, '{}', '{}', '{}', '{}') RETURNING id`,
        [`B${i}`, status],
      );
      batches.push({ id: b.id, status });
    }
    const enterprises: { id: string; regionCode: string }[] = [];
    const applications: {
      id: string;
      enterpriseId: string;
      regionCode: string;
      everSubmitted: boolean;
      imported: boolean;
    }[] = [];
    for (const [i, e] of rows.entries()) {
      const [row] = await em.query(
        `INSERT INTO enterprises (name, credit_code, region_code, industry_mode) VALUES ('企业', $1, $2, 'discrete') RETURNING id`,
        [`91330100MA${String(i).padStart(8, '0')}`, e.regionCode],
      );
      enterprises.push({ id: row.id, regionCode: e.regionCode });
      for (const a of e.applications) {
        const [app] = await em.query(
          `INSERT INTO applications (batch_id, enterprise_id, tier, industry_mode, origin, created_by)
           VALUES ($1, $2, 'workshop', 'discrete', $3, $4) RETURNING id`,
          [batches[a.batch].id, row.id, a.imported ? 'import' : 'enterprise', randomUUID()],
        );
        if (a.submitted) {
          const [sub] = await em.query(
            `INSERT INTO application_submissions (application_id, seq, content, content_hash, submitted_by)
             VALUES ($1, 1, '{}', repeat('0', 64), $2) RETURNING id`,
            [app.id, randomUUID()],
          );
          await em.query(`UPDATE applications SET current_submission_id = $1, status = 'submitted' WHERE id = $2`, [
            sub.id,
            app.id,
          ]);
        }
        applications.push({
          id: app.id,
          enterpriseId: row.id,
          regionCode: e.regionCode,
          everSubmitted: a.submitted,
          imported: a.imported,
        });
      }
    }
    return { batches, enterprises, applications };
  }

  async function selectIds(em: EntityManager, from: string, id: string, condition: SqlCondition): Promise<Set<string>> {
    const [sql, params] = em.connection.driver.escapeQueryWithParameters(
      `SELECT ${id} AS id FROM ${from} WHERE ${condition.sql}`,
      condition.params,
    );
    const rows: { id: string }[] = await em.query(sql, params);
    return new Set(rows.map((r) => r.id));
  }

  const sorted = (ids: Iterable<string>) => [...ids].sort();

  it('for every generated actor and row', async () => {
    await fc.assert(
      fc.asyncProperty(world, actor, fc.infiniteStream(fc.boolean()), async (rows, a, picks) => {
        const qr = ds.createQueryRunner();
        await qr.connect();
        await qr.startTransaction();
        try {
          const em = qr.manager;
          const inserted = await insert(em, rows);
          const who: Actor = {
            userId: randomUUID(),
            role: a.role,
            enterpriseId:
              a.enterprise === null
                ? null
                : a.enterprise === 'foreign'
                  ? randomUUID()
                  : inserted.enterprises[a.enterprise % inserted.enterprises.length].id,
            regionCode: a.regionCode,
          };
          const check = async <S>(
            policy: VisibilityPolicy<S>,
            all: (S & { id: string })[],
            from: string,
            id: string,
          ) => {
            const expected = all.filter((row) => policy.canSee(who, row)).map((row) => row.id);
            expect(sorted(await selectIds(em, from, id, policy.sql(who)))).toEqual(sorted(expected));
            const asked = all.filter(() => picks.next().value).map((row) => row.id);
            const allowed = await policy.allowedIds(who, [...asked, randomUUID(), 'not-a-uuid'], em);
            expect(sorted(allowed)).toEqual(sorted(asked.filter((x) => expected.includes(x))));
          };
          await check(enterpriseVisibility, inserted.enterprises, 'enterprises e', 'e.id');
          await check(batchVisibility, inserted.batches, 'batches b', 'b.id');
          await check(
            applicationVisibility,
            inserted.applications,
            'applications a JOIN enterprises e ON e.id = a.enterprise_id',
            'a.id',
          );
        } finally {
          await qr.rollbackTransaction();
          await qr.release();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
