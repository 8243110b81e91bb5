import { DataSource } from 'typeorm';
import {
  completeDraft,
  enterpriseUser,
  precheckPassedApplication,
  uniqueCreditCode,
  waitForStatus,
} from './support/fixtures';
import { ALL_DOMAINS, addExpert, createRound, previewOf, retireOtherExperts, reviewCast } from './support/reviews';
import { TestApp, TestUser, bearer, startTestApp } from './support/test-app';

/** A valid code whose check character is replaced by another: the validator must refuse it. */
const wrongCheckCharacter = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

/**
 * Applicants declare their vendors / 数字化服务商 on the application; the declaration is validated,
 * frozen into the submission, and the assignment's 服务商回避 rule keeps the vendors' employees
 * off that application — and says so.
 */
describe('reviews: declared vendors / 数字化服务商 and the 服务商回避 rule', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let county: TestUser;
  let city: TestUser;
  let batchId: string;
  let owner: TestUser;
  let declaring: { id: string };
  let plainApp: { id: string };
  const vendorCode = uniqueCreditCode();

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    ({ official, county, city, batchId } = await reviewCast(t));
    owner = (await enterpriseUser(t, '330106')).user;
    declaring = await completeDraft(t, owner, batchId);
    plainApp = await precheckPassedApplication(t, (await enterpriseUser(t, '330106')).user, batchId);
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object, who: TestUser = owner) =>
    t.http().patch(`/api/v1/applications/${id}`).set(bearer(who)).send(body);

  it('refuses a wrong check character, a vendor twice and the applicant itself, each naming its field in Chinese', async () => {
    const other = uniqueCreditCode();
    const bad = await patch(declaring.id, {
      vendors: [
        { creditCode: wrongCheckCharacter(vendorCode), name: '某数字科技有限公司' },
        { creditCode: other, name: '某软件有限公司' },
        { creditCode: other.toLowerCase(), name: '某软件有限公司（重复）' },
        { creditCode: '', name: '   ' },
      ],
    }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    const byField = Object.fromEntries(
      (bad.body.details as { field: string; code: string; message: string }[]).map((d) => [
        `${d.field}:${d.code}`,
        d.message,
      ]),
    );
    expect(byField['vendors[0].creditCode:invalid_credit_code']).toMatch(/某数字科技有限公司.*校验/);
    expect(byField['vendors[2].creditCode:duplicate_vendor']).toContain('第 2 个服务商');
    expect(byField['vendors[3].name:vendor_name_required']).toBe('请填写服务商名称');
    expect(byField['vendors[3].creditCode:invalid_credit_code']).toContain('不能为空');

    const [{ creditCode: own }] = await ds.query(
      `SELECT e.credit_code AS "creditCode" FROM applications a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1`,
      [declaring.id],
    );
    const self = await patch(declaring.id, { vendors: [{ creditCode: own, name: '本企业' }] }).expect(400);
    expect(self.body.details).toEqual([
      expect.objectContaining({ field: 'vendors[0].creditCode', code: 'vendor_is_applicant' }),
    ]);
    const app = await t.http().get(`/api/v1/applications/${declaring.id}`).set(bearer(owner)).expect(200);
    expect(app.body.vendors).toEqual([]);
  });

  it("nobody else sets or reads an application's vendors by guessing its id", async () => {
    const stranger = (await enterpriseUser(t, '330106')).user;
    const body = { vendors: [{ creditCode: vendorCode, name: '某数字科技有限公司' }] };
    await patch(declaring.id, body, stranger).expect(404);
    await t.http().get(`/api/v1/applications/${declaring.id}`).set(bearer(stranger)).expect(404);
    // Authorities read drafts they did not write no more than they edit them.
    for (const who of [county, official]) {
      const res = await patch(declaring.id, body, who);
      expect([403, 404]).toContain(res.status);
    }
    const [{ vendors }] = await ds.query(`SELECT vendors FROM applications WHERE id = $1`, [declaring.id]);
    expect(vendors).toEqual([]);
  });

  it('keeps the declaration while editable, audits it, and freezes it into the submission', async () => {
    const saved = await patch(declaring.id, {
      vendors: [
        {
          creditCode: vendorCode.toLowerCase(),
          name: ' 某数字科技有限公司 ',
          serviceDescription: 'MES 系统实施与运维',
        },
      ],
    }).expect(200);
    expect(saved.body.vendors).toEqual([
      { creditCode: vendorCode, name: '某数字科技有限公司', serviceDescription: 'MES 系统实施与运维' },
    ]);
    // Other fields' edits leave the list alone.
    const kept = await patch(declaring.id, { tier: 'workshop' }).expect(200);
    expect(kept.body.vendors).toHaveLength(1);
    const [audit] = await ds.query(
      `SELECT after FROM audit_events WHERE action = 'application.updated' AND entity_id = $1
       ORDER BY occurred_at DESC LIMIT 1`,
      [declaring.id],
    );
    expect(audit.after.vendors).toEqual(saved.body.vendors);

    await t.http().post(`/api/v1/applications/${declaring.id}/submit`).set(bearer(owner)).expect(200);
    const after = await waitForStatus(t, declaring.id, owner, 'submitted');
    expect(after.status).toBe('precheck_passed');
    const [sub] = await ds.query(
      `SELECT s.content FROM application_submissions s JOIN applications a ON a.current_submission_id = s.id WHERE a.id = $1`,
      [declaring.id],
    );
    expect(sub.content.vendors).toEqual(saved.body.vendors);
    // Not editable any more once submitted.
    const late = await patch(declaring.id, { vendors: [] });
    expect(late.status).toBe(409);
  });

  it('never assigns an expert employed by a declared vendor to that application, and explains why', async () => {
    await recommend(declaring.id);
    await recommend(plainApp.id);
    await retireOtherExperts(t);
    const everyDomain = ALL_DOMAINS.map((domain) => ({ domain, level: 'primary' }));
    const vendorExpert = await addExpert(t, official, {
      employerName: '某数字科技有限公司',
      employerCreditCode: vendorCode,
      expertise: everyDomain,
      maxTasksPerRound: 50,
    });
    const plain = await addExpert(t, official, { expertise: everyDomain, maxTasksPerRound: 50 });
    const round = await createRound(t, official, batchId, { title: '服务商回避测试轮次' });
    expect(round.applicationIds.sort()).toEqual([declaring.id, plainApp.id].sort());
    const preview = await previewOf(t, official, round.id, 1);
    type Placed = { taskId: string; expertId: string };
    const on = (appId: string) =>
      (preview.assignments as Placed[]).filter((a) => a.taskId.startsWith(`${appId}~`)).map((a) => a.expertId);
    // The vendor's employee reviews the other application, never the declaring one.
    expect(on(plainApp.id)).toContain(vendorExpert.id);
    expect(on(declaring.id)).not.toContain(vendorExpert.id);
    expect(on(declaring.id).length).toBeGreaterThan(0);
    expect(new Set(on(declaring.id))).toEqual(new Set([plain.id]));
    // Each slot it leaves empty says which rule emptied it.
    const unfilled = (
      preview.unfilled as {
        applicationId: string;
        reason: string;
        message: string;
        funnel: { removedByRule: Record<string, number> };
      }[]
    ).filter((u) => u.applicationId === declaring.id);
    expect(unfilled.length).toBeGreaterThan(0);
    for (const u of unfilled) {
      expect(u.reason).toBe('conflict');
      expect(u.funnel.removedByRule.applicant_vendor).toBe(1);
      expect(u.message).toContain('服务商回避 1 名');
    }
    expect(preview.unfilled.filter((u: { applicationId: string }) => u.applicationId === plainApp.id)).toEqual([]);

    // Placing the vendor's employee by hand is refused with the conflict spelled out.
    const [, domain] = (preview.assignments as Placed[])
      .find((a) => a.taskId.startsWith(`${declaring.id}~`))!
      .taskId.split('~');
    const refused = await t
      .http()
      .post(`/api/v1/review-rounds/${round.id}/adjustments`)
      .set(bearer(official))
      .send({ op: 'add', applicationId: declaring.id, domain, addExpertId: vendorExpert.id, run: 1 })
      .expect(400);
    expect(refused.body.code).toBe('assignment_override_reason_required');
    expect(refused.body.message).toContain('专家任职单位“某数字科技有限公司”是申报企业申报的供应商/数字化服务商');
  });

  async function recommend(id: string) {
    for (const who of [county, city])
      await t
        .http()
        .post(`/api/v1/applications/${id}/recommendation`)
        .set(bearer(who))
        .send({ decision: 'recommend', comment: '同意推荐' })
        .expect(200);
  }
});
