import { MigrationInterface, QueryRunner } from 'typeorm';

/** A tier of the eligibility policy that checks nothing (see NO_ELIGIBILITY_POLICY in @ff/rules). */
const NONE_TIER = {
  minDigitalLevel: null,
  minInvestment: null,
  minInvestmentReduced: null,
  minCreditRating: null,
  violationLookbackYears: null,
  requireIndependentLegalPerson: false,
  requireCompletionDate: false,
  completedOnOrBefore: null,
};
const NONE_POLICY = {
  version: 'eligibility-none',
  notice: '',
  investmentWindowYears: null,
  requireEvidence: false,
  tiers: { workshop: NONE_TIER, smart_factory: NONE_TIER, future_factory: NONE_TIER },
};

/**
 * Eligibility of the annual notice, quotas and ranked recommendations:
 * - the facts an applicant declares (applications.eligibility_facts);
 * - the batch's eligibility policy; batches that exist already get the policy that checks nothing,
 *   so applications under way are judged as before (new batches get the notice's defaults);
 * - 山区海岛县 as an admin-editable table, seeded with the 26 山区县 and their source;
 * - per batch, region (city or county) and tier, the most applications that region may recommend;
 * - a rank (优先顺序) on each recommendation, and withdrawal of a recommendation (the row stays,
 *   marked withdrawn, so one submission can be recommended again at that level).
 */
export class EligibilityQuotas1764063000000 implements MigrationInterface {
  name = 'EligibilityQuotas1764063000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN eligibility_facts jsonb NOT NULL DEFAULT '{}'::jsonb
          CHECK (jsonb_typeof(eligibility_facts) = 'object')
    `);
    await q.query(`ALTER TABLE batches ADD COLUMN eligibility_policy jsonb`);
    await q.query(`UPDATE batches SET eligibility_policy = CAST($1 AS jsonb)`, [JSON.stringify(NONE_POLICY)]);
    await q.query(`ALTER TABLE batches ALTER COLUMN eligibility_policy SET NOT NULL`);

    await q.query(`
      CREATE TABLE mountain_island_counties (
        region_code text PRIMARY KEY CHECK (region_code ~ '^33[0-9]{4}$'),
        name text NOT NULL,
        source text NOT NULL CHECK (char_length(source) BETWEEN 2 AND 300),
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `INSERT INTO mountain_island_counties (region_code, name, source)
       SELECT code, name, $1 FROM (VALUES
        ('330127', '淳安县'),
        ('330324', '永嘉县'),
        ('330326', '平阳县'),
        ('330327', '苍南县'),
        ('330328', '文成县'),
        ('330329', '泰顺县'),
        ('330723', '武义县'),
        ('330727', '磐安县'),
        ('330802', '柯城区'),
        ('330803', '衢江区'),
        ('330822', '常山县'),
        ('330824', '开化县'),
        ('330825', '龙游县'),
        ('330881', '江山市'),
        ('331022', '三门县'),
        ('331023', '天台县'),
        ('331024', '仙居县'),
        ('331102', '莲都区'),
        ('331121', '青田县'),
        ('331122', '缙云县'),
        ('331123', '遂昌县'),
        ('331124', '松阳县'),
        ('331125', '云和县'),
        ('331126', '庆元县'),
        ('331127', '景宁畲族自治县'),
        ('331181', '龙泉市')
       ) AS v(code, name)`,
      ['《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》（山区26县）'],
    );

    await q.query(`
      CREATE TABLE recommendation_quotas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batches(id),
        region_code text NOT NULL CHECK (region_code ~ '^33[0-9]{4}$'),
        tier text NOT NULL CHECK (tier IN ('workshop','smart_factory','future_factory')),
        quota integer NOT NULL CHECK (quota >= 0),
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recommendation_quotas_key UNIQUE (batch_id, region_code, tier)
      )`);

    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN batch_id uuid REFERENCES batches(id),
        ADD COLUMN tier text,
        ADD COLUMN rank integer CHECK (rank >= 1),
        ADD COLUMN withdrawn_at timestamptz
    `);
    await q.query(`
      UPDATE recommendations r SET batch_id = a.batch_id, tier = a.tier
        FROM applications a WHERE a.id = r.application_id
    `);
    await q.query(`ALTER TABLE recommendations ALTER COLUMN batch_id SET NOT NULL, ALTER COLUMN tier SET NOT NULL`);
    // One live decision per submission and level; a withdrawn one no longer counts.
    await q.query(`ALTER TABLE recommendations DROP CONSTRAINT recommendations_submission_level_key`);
    await q.query(`
      CREATE UNIQUE INDEX recommendations_submission_level_key
        ON recommendations (submission_id, level) WHERE withdrawn_at IS NULL`);
    // Ranks are written 1..n over the live list under the list's advisory lock (see recommendation-list.ts).
    await q.query(`
      CREATE INDEX recommendations_list_idx
        ON recommendations (batch_id, region_code, tier, level) WHERE withdrawn_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX recommendations_list_idx`);
    await q.query(`DELETE FROM recommendations WHERE withdrawn_at IS NOT NULL`);
    await q.query(`DROP INDEX recommendations_submission_level_key`);
    await q.query(
      `ALTER TABLE recommendations ADD CONSTRAINT recommendations_submission_level_key UNIQUE (submission_id, level)`,
    );
    await q.query(
      `ALTER TABLE recommendations DROP COLUMN batch_id, DROP COLUMN tier, DROP COLUMN rank, DROP COLUMN withdrawn_at`,
    );
    await q.query(`DROP TABLE recommendation_quotas`);
    await q.query(`DROP TABLE mountain_island_counties`);
    await q.query(`ALTER TABLE batches DROP COLUMN eligibility_policy`);
    await q.query(`ALTER TABLE applications DROP COLUMN eligibility_facts`);
  }
}
