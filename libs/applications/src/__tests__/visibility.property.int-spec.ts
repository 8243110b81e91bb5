import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLES, type Actor } from '@ff/core';
import { dataSourceOptions, runMigrations, type SqlCondition, type VisibilityPolicy } from '@ff/database';
import { batchVisibility, type BatchStatus } from '@ff/batches';
import { enterpriseVisibility } from '@ff/enterprises';
import { ZHEJIANG_REGIONS } from '@ff/regions';
import { REVIEW_TASK_STATUSES, taskVisibility, type ReviewTaskStatus } from '@ff/reviews';
import { scratchSchema } from '@ff/runtime';
import { applicationVisibility } from '../applications.policy';

/**
 * Each visibility policy's three forms — the predicate, the SQL condition and the bulk id check —
 * agree on every (actor, row) pair: generated actors of every role, jurisdiction (province, city,
 * county, unknown, none), enterprise and user (sometimes one of the generated experts), against
 * generated rows in the real PostgreSQL schema — enterprises, batches, applications, and review
 * tasks of experts in two rounds over the submitted applications, in every task status.
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
  const review = fc.record({
    experts: fc.integer({ min: 1, max: 4 }),
    // Indexes into the submitted applications and the experts, reduced modulo their counts.
    tasks: fc.uniqueArray(
      fc.record({
        application: fc.nat(20),
        expert: fc.nat(3),
        round: fc.constantFrom(0, 1),
        domain: fc.constantFrom('D01', 'D02'),
        status: fc.constantFrom(...REVIEW_TASK_STATUSES),
      }),
      { selector: (t) => `${t.application}/${t.expert}/${t.round}/${t.domain}`, maxLength: 10 },
    ),
  });
  type Review = typeof review extends fc.Arbitrary<infer T> ? T : never;
  const actor = fc.record({
    // An index into the generated experts' users, or a user of its own.
    user: fc.oneof(fc.nat(3), fc.constant(null)),
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

  async function insertReview(em: EntityManager, r: Review, batchId: string, submitted: { id: string }[]) {
    const experts: { id: string; userId: string }[] = [];
    for (let i = 0; i < r.experts; i++) {
      const [user] = await em.query(
        `INSERT INTO users (username, display_name, password_hash, role) VALUES ($1, '专家', 'x', 'expert') RETURNING id`,
        [`expert${i}`],
      );
      const [expert] = await em.query(
        `INSERT INTO experts (user_id, name, title, employer_name, region_code) VALUES ($1, '专家', '高级工程师', '单位', '330100') RETURNING id`,
        [user.id],
      );
      experts.push({ id: expert.id, userId: user.id });
    }
    const tasks: { id: string; expertUserId: string; status: ReviewTaskStatus }[] = [];
    if (!submitted.length) return { experts, tasks };
    const rounds: string[] = [];
    for (const title of ['第一轮', '第二轮']) {
      const [round] = await em.query(
        `INSERT INTO review_rounds (batch_id, title, application_ids, panel_sizes, starts_at, due_at, closes_at,
           accept_within_hours, conflict_policy, created_by)
         VALUES ($1, $2, '{}', '{}', now(), now() + interval '1 day', now() + interval '2 days', 48, '{}', $3) RETURNING id`,
        [batchId, title, randomUUID()],
      );
      rounds.push(round.id);
    }
    for (const t of r.tasks) {
      const expert = experts[t.expert % experts.length];
      const applicationId = submitted[t.application % submitted.length].id;
      const [task] = await em.query(
        `INSERT INTO review_tasks (round_id, application_id, submission_id, domain_code, expert_id, status, explanation, accept_by)
         SELECT $1, id, current_submission_id, $2, $3, $4, '{}', now() + interval '1 day' FROM applications WHERE id = $5
         ON CONFLICT DO NOTHING RETURNING id`,
        [rounds[t.round], t.domain, expert.id, t.status, applicationId],
      );
      if (task) tasks.push({ id: task.id, expertUserId: expert.userId, status: t.status });
    }
    return { experts, tasks };
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
      fc.asyncProperty(world, review, actor, fc.infiniteStream(fc.boolean()), async (rows, r, a, picks) => {
        const qr = ds.createQueryRunner();
        await qr.connect();
        await qr.startTransaction();
        try {
          const em = qr.manager;
          const inserted = await insert(em, rows);
          const submitted = inserted.applications.filter((x) => x.everSubmitted);
          const reviews = await insertReview(em, r, inserted.batches[2].id, submitted);
          const who: Actor = {
            userId: a.user === null ? randomUUID() : reviews.experts[a.user % reviews.experts.length].userId,
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
          await check(taskVisibility, reviews.tasks, 'review_tasks t JOIN experts x ON x.id = t.expert_id', 't.id');
        } finally {
          await qr.rollbackTransaction();
          await qr.release();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
