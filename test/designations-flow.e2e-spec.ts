import { DataSource } from 'typeorm';
import { Clock } from '@ff/reviews';
import { PublicityService, allocateSerial } from '@ff/designations';
import { PDF, openBatch, uniquePdf } from './support/fixtures';
import { reviewedApplications } from './support/decisions';
import { addExpert, expertPool } from './support/reviews';
import { clausesFor, getRuleSet } from '@ff/rules';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/** This file's public client address (its own objection rate-limit bucket; proxies on this host are believed). */
const CLIENT = '198.51.100.10';

const OBJECTION = {
  objectorName: '王五',
  organisation: '宁波某精密制造有限公司',
  contact: '0574-88001234',
  statement: '该企业的智能工厂主要产线仍在建设调试中，尚未达到智能工厂的建设水平，请予核查。',
};

/**
 * Results → proposed and confirmed decisions (four eyes) → 公示 → an objection upheld on one entry
 * (revised to a lower tier, four eyes again) → the window closes (clock moved, job run twice) →
 * designations with certificate numbers; the public list and verification; a revocation whose ban
 * refuses the enterprise's next application.
 */
describe('designations: decisions, 公示, objections, designations, revocation', () => {
  let t: TestApp;
  let officialA: TestUser;
  let officialB: TestUser;
  let batch: { id: string; code: string };
  let smart: { id: string; enterpriseId: string; owner: TestUser };
  let workshop: { id: string; enterpriseId: string; owner: TestUser };
  let third: { id: string; enterpriseId: string; owner: TestUser };
  let fourth: { id: string; enterpriseId: string; owner: TestUser };
  let officialC: TestUser;
  let admin: TestUser;

  // Set-up walks three applications through pre-check, recommendation and expert review over HTTP
  // (jobs included), which takes longer than the default 30 s on a busy machine.
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' });
    officialA = await createUser(t, 'official', { regionCode: '330000' });
    officialB = await createUser(t, 'official', { regionCode: '330000' });
    const county = await createUser(t, 'recommender', { regionCode: '330106' });
    const city = await createUser(t, 'recommender', { regionCode: '330100' });
    batch = await openBatch(t, officialA);
    officialC = await createUser(t, 'official', { regionCode: '330000' });
    admin = await createUser(t, 'admin');
    [smart, workshop, third, fourth] = await reviewedApplications(t, officialA, batch.id, county, city, [
      'smart_factory',
      'workshop',
      'workshop',
      'workshop',
    ]);
  }, 120_000);
  afterAll(() => t?.close());

  const api = (who: TestUser) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set(bearer(who)),
    post: (path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set(bearer(who)).send(body),
  });

  it('walks decisions, 公示 and an upheld objection to designations', async () => {
    const A = api(officialA);
    const B = api(officialB);
    const candidates = await A.get(`/decision-candidates?batchId=${batch.id}&undecided=true`).expect(200);
    expect(candidates.body.items.map((c: { applicationId: string }) => c.applicationId).sort()).toEqual(
      [smart.id, workshop.id, third.id, fourth.id].sort(),
    );
    expect(candidates.body.items.find((c: { applicationId: string }) => c.applicationId === smart.id)).toMatchObject({
      highestSupportedTier: 'smart_factory',
      recommendation: 'pass',
    });

    // A reason that does not fit the outcome, and a lower tier that is not lower, are refused.
    const wrongReason = await A.post('/decisions', {
      applicationId: smart.id,
      outcome: 'designate_applied',
      reasonCode: 'below_threshold',
    }).expect(400);
    expect(wrongReason.body.code).toBe('decision_reason_invalid');
    await A.post('/decisions', {
      applicationId: smart.id,
      outcome: 'designate_lower',
      decisionTier: 'smart_factory',
      reasonCode: 'meets_lower_tier_only',
    }).expect(400);

    // Bulk propose over the filtered list: both at their applied tier.
    const proposed = await A.post('/decisions/bulk-propose', {
      applicationIds: [smart.id, workshop.id],
      outcome: 'designate_applied',
      reasonCode: 'meets_applied_tier',
    }).expect(201);
    expect(proposed.body.map((d: { status: string }) => d.status)).toEqual(['proposed', 'proposed']);
    const ids = proposed.body.map((d: { id: string }) => d.id);
    // A second proposal for the same application waits for the first.
    const again = await B.post('/decisions', {
      applicationId: smart.id,
      outcome: 'reject',
      reasonCode: 'below_threshold',
    }).expect(409);
    expect(again.body.code).toBe('decision_pending');

    // Four eyes: the proposer cannot confirm (bulk: nothing happens, per-item Chinese errors).
    const own = await A.post('/decisions/bulk-confirm', { decisionIds: ids }).expect(400);
    expect(own.body.code).toBe('decision_bulk_refused');
    expect(own.body.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['decisionIds[0]', 'decision_same_official'],
      ['decisionIds[1]', 'decision_same_official'],
    ]);
    expect(own.body.details[0].message).toContain('另一名工作人员');
    const single = await A.post(`/decisions/${ids[0]}/confirm`).expect(403);
    expect(single.body.code).toBe('decision_same_official');
    const confirmed = await B.post('/decisions/bulk-confirm', { decisionIds: ids }).expect(200);
    expect(confirmed.body.map((d: { status: string; confirmedBy: string }) => [d.status, d.confirmedBy])).toEqual([
      ['confirmed', officialB.id],
      ['confirmed', officialB.id],
    ]);
    await B.post(`/decisions/${ids[0]}/confirm`).expect(409);

    // 公示 for 5 working days (batch default).
    const policy = await A.get(`/batches/${batch.id}/designation-policy`).expect(200);
    expect(policy.body).toMatchObject({ publicityWorkingDays: 5, validityYears: 3, isDefault: true });
    const pub = await A.post('/publicities', { batchId: batch.id }).expect(201);
    expect(pub.body).toMatchObject({ workingDays: 5, status: 'open', entryCount: 2 });
    expect(new Date(pub.body.endsAt).getTime()).toBeGreaterThan(Date.now());

    // The public list: four facts per entry, nothing else.
    const entries = await t.http().get(`/api/v1/public/publicities/${pub.body.id}/entries`).expect(200);
    expect(entries.body.total).toBe(2);
    for (const e of entries.body.items)
      expect(Object.keys(e).sort()).toEqual(
        [
          'constructionType',
          'constructionTypeName',
          'enterpriseName',
          'id',
          'regionCode',
          'regionName',
          'tier',
          'tierName',
        ].sort(),
      );
    const smartEntry = entries.body.items.find((e: { tier: string }) => e.tier === 'smart_factory');

    // Anonymous objections are refused; a real-name one is received.
    const anonymous = await t
      .http()
      .post(`/api/v1/public/publicity-entries/${smartEntry.id}/objections`)
      .set('X-Forwarded-For', CLIENT)
      .send({ ...OBJECTION, objectorName: '匿名', organisation: '' })
      .expect(400);
    expect(anonymous.body.code).toBe('objection_anonymous');
    const filed = await t
      .http()
      .post(`/api/v1/public/publicity-entries/${smartEntry.id}/objections`)
      .set('X-Forwarded-For', CLIENT)
      .send(OBJECTION)
      .expect(201);
    expect(Object.keys(filed.body).sort()).toEqual(['attachmentToken', 'id', 'message', 'receivedAt']);
    // An attachment with the receipt's one-time token; a wrong token is the same 404 as no objection.
    const upload = (token: string) =>
      t
        .http()
        .post(`/api/v1/public/objections/${filed.body.id}/attachments`)
        .set('X-Forwarded-For', CLIENT)
        .set('X-Objection-Token', token)
        .attach('file', PDF, { filename: '../现场照片说明.pdf', contentType: 'application/pdf' });
    await upload('0'.repeat(48)).expect(404);
    const attached = await upload(filed.body.attachmentToken).expect(201);
    expect(attached.body).toMatchObject({ name: '现场照片说明.pdf', mediaType: 'application/pdf' });

    // Officials see who objected; they investigate and uphold it.
    const objections = await A.get(`/publicities/${pub.body.id}/objections`).expect(200);
    expect(objections.body).toHaveLength(1);
    expect(objections.body[0]).toMatchObject({ objectorName: '王五', status: 'open' });
    expect(objections.body[0].attachments).toEqual([attached.body]);
    const file = await A.get(`/objections/${filed.body.id}/attachments/${attached.body.id}/content`).expect(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    await A.get(`/objections/${filed.body.id}/attachments/${objections.body[0].id}/content`).expect(404);
    // Officials add their own material to the investigation.
    const officialFile = await t
      .http()
      .post(`/api/v1/objections/${filed.body.id}/attachments`)
      .set(bearer(officialA))
      .attach('file', uniquePdf('site-visit'), { filename: '现场核查记录.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(officialFile.body).toMatchObject({ source: 'official', name: '现场核查记录.pdf' });
    await A.post(`/objections/${filed.body.id}/notes`, { note: '已电话联系企业，要求补充产线投产证明' }).expect(200);
    // A request for material reaches the enterprise's inbox without naming the objector.
    await A.post(`/objections/${filed.body.id}/material-requests`, {
      materialRequest: '请于3个工作日内提供主要产线的投产证明',
    }).expect(200);
    const inbox = await t.http().get('/api/v1/notifications').set(bearer(smart.owner)).expect(200);
    const request = inbox.body.items.find((m: { kind: string }) => m.kind === 'objection_material_request');
    expect(request.body).toContain('投产证明');
    expect(request.body).not.toContain('王五');
    const upheld = await A.post(`/objections/${filed.body.id}/resolve`, {
      resolution: 'upheld',
      resolutionReason: '现场核实，主要产线尚未投产',
    }).expect(200);
    expect(upheld.body.status).toBe('upheld');

    // The revision: a lower tier the scores over its scope support, confirmed by the other official.
    const revision = await A.post('/decisions', {
      applicationId: smart.id,
      outcome: 'designate_lower',
      decisionTier: 'workshop',
      reasonCode: 'objection_upheld',
      comment: '异议成立，降级认定',
    }).expect(201);
    expect(revision.body).toMatchObject({ status: 'proposed', supersedesId: ids[0], tier: 'workshop' });
    await A.post(`/decisions/${revision.body.id}/confirm`).expect(403);
    const revised = await B.post(`/decisions/${revision.body.id}/confirm`).expect(200);
    expect(revised.body.status).toBe('published');
    expect((await A.get(`/decisions/${ids[0]}`).expect(200)).body.status).toBe('superseded');
    const after = await t.http().get(`/api/v1/public/publicities/${pub.body.id}/entries`).expect(200);
    expect(after.body.items.map((e: { tier: string }) => e.tier)).toEqual(['workshop', 'workshop']);

    // An objection to the other entry, dismissed: the entry is listed again (and designated below).
    const workshopEntry = entries.body.items.find((e: { id: string }) => e.id !== smartEntry.id);
    const second = await t
      .http()
      .post(`/api/v1/public/publicity-entries/${workshopEntry.id}/objections`)
      .set('X-Forwarded-For', '198.51.100.11')
      .send({ ...OBJECTION, objectorName: '赵六' })
      .expect(201);
    await A.post(`/objections/${second.body.id}/resolve`, {
      resolution: 'dismissed',
      resolutionReason: '经核查，反映情况与事实不符',
    }).expect(200);
    const twice = await A.post(`/objections/${second.body.id}/resolve`, {
      resolution: 'upheld',
      resolutionReason: '重复处理同一异议',
    }).expect(409);
    expect(twice.body.code).toBe('objection_not_open');

    // The window closes: the clock moves past its end; the job runs twice, the second does nothing.
    const clock = t.app.get(Clock);
    const publicity = t.app.get(PublicityService);
    expect(await publicity.close(pub.body.id)).toEqual({ outcome: 'not_yet', designated: 0 });
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(new Date(pub.body.endsAt).getTime() + 1000));
    try {
      expect(await publicity.close(pub.body.id)).toEqual({ outcome: 'closed', designated: 2 });
      expect(await publicity.close(pub.body.id)).toEqual({ outcome: 'closed', designated: 0 });
      // Objections after the window are refused.
      const late = await t
        .http()
        .post(`/api/v1/public/publicity-entries/${smartEntry.id}/objections`)
        .set('X-Forwarded-For', CLIENT)
        .send(OBJECTION)
        .expect(409);
      expect(late.body.code).toBe('publicity_closed');
    } finally {
      spy.mockRestore();
    }

    const designations = await A.get(`/designations?batchId=${batch.id}`).expect(200);
    expect(designations.body.total).toBe(2);
    const numbers = designations.body.items.map((d: { certificateNumber: string }) => d.certificateNumber);
    expect(numbers).toEqual([`ZJFF-${batch.code}-WS-0001`, `ZJFF-${batch.code}-WS-0002`]);
    for (const d of designations.body.items) {
      expect(d).toMatchObject({ tier: 'workshop', status: 'active' });
      expect(d.verificationCode).toMatch(/^[A-Z2-9]{8}$/);
      expect(Number(d.validUntil.slice(0, 4)) - Number(d.validFrom.slice(0, 4))).toBe(3);
    }
    expect((await A.get(`/decisions/${revision.body.id}`).expect(200)).body.status).toBe('designated');

    // Public registry and verification.
    const registry = await t.http().get('/api/v1/public/designations').expect(200);
    const mine = registry.body.items.filter((r: { certificateNumber: string }) =>
      numbers.includes(r.certificateNumber),
    );
    expect(mine).toHaveLength(2);
    // Registry and verification show the public facts only: no ids, credit code, code or reasons.
    const PUBLIC_FIELDS = [
      'certificateNumber',
      'constructionType',
      'constructionTypeName',
      'enterpriseName',
      'regionCode',
      'regionName',
      'status',
      'statusName',
      'tier',
      'tierName',
      'validFrom',
      'validUntil',
    ];
    for (const r of mine) expect(Object.keys(r).sort()).toEqual(PUBLIC_FIELDS);
    const publicities = await t.http().get('/api/v1/public/publicities').expect(200);
    for (const p of publicities.body.items)
      expect(Object.keys(p).sort()).toEqual(['endDate', 'endsAt', 'id', 'open', 'startDate']);
    const target = designations.body.items.find((d: { applicationId: string }) => d.applicationId === workshop.id);
    const verified = await t
      .http()
      .get('/api/v1/public/designations/verify')
      .query({ certificateNumber: target.certificateNumber, verificationCode: target.verificationCode })
      .expect(200);
    expect(Object.keys(verified.body).sort()).toEqual(PUBLIC_FIELDS);
    expect(verified.body).toMatchObject({
      certificateNumber: target.certificateNumber,
      status: 'active',
      tier: 'workshop',
    });
    const wrong = await t
      .http()
      .get('/api/v1/public/designations/verify')
      .query({ certificateNumber: target.certificateNumber, verificationCode: 'AAAAAAAA' })
      .expect(404);
    const unknown = await t
      .http()
      .get('/api/v1/public/designations/verify')
      .query({ certificateNumber: 'ZJFF-NONE-WS-0001', verificationCode: 'AAAAAAAA' })
      .expect(404);
    expect(wrong.body.message).toBe(unknown.body.message);

    // Revocation for fraud: a 3-year ban refuses the enterprise's next application, naming its end date.
    const revoked = await A.post(`/designations/${target.id}/revoke`, {
      revocationReason: 'fraud',
      revocationNote: '经查实申报材料弄虚作假',
    }).expect(200);
    expect(revoked.body.status).toBe('revoked');
    const bans = await A.get(`/reapplication-bans?enterpriseId=${workshop.enterpriseId}&inForce=true`).expect(200);
    expect(bans.body.total).toBe(1);
    const ban = bans.body.items[0];
    expect(Number(ban.endsOn.slice(0, 4)) - Number(ban.startsOn.slice(0, 4))).toBe(3);
    const recheck = await t
      .http()
      .get('/api/v1/public/designations/verify')
      .query({ certificateNumber: target.certificateNumber, verificationCode: target.verificationCode })
      .expect(200);
    expect(recheck.body.status).toBe('revoked');
    const next = await openBatch(t, officialA);
    const refused = await t
      .http()
      .post('/api/v1/applications')
      .set(bearer(workshop.owner))
      .send({ batchId: next.id, tier: 'workshop' })
      .expect(409);
    expect(refused.body.code).toBe('application_banned');
    expect(refused.body.message).toContain(ban.endsOn);

    // Lifted (or expired), the ban refuses nothing.
    await A.post(`/reapplication-bans/${ban.id}/lift`, { liftReason: '经复议撤销原处理决定' }).expect(200);
    await t
      .http()
      .post('/api/v1/applications')
      .set(bearer(workshop.owner))
      .send({ batchId: next.id, tier: 'workshop' })
      .expect(201);
    // 复核: the other designation goes under re-review, passes (active again), then fails (revoked, 2-year ban).
    const otherDesignation = designations.body.items.find((d: { id: string }) => d.id !== target.id);
    const started = await A.post(`/designations/${otherDesignation.id}/re-review`, {
      reReviewNote: '有效期届满前复核',
    }).expect(200);
    expect(started.body.status).toBe('under_re_review');
    await A.post(`/designations/${otherDesignation.id}/re-review`, { reReviewNote: '重复启动复核' }).expect(409);
    const passed = await A.post(`/designations/${otherDesignation.id}/re-review/complete`, {
      passed: true,
      reReviewNote: '复核通过，继续保持',
    }).expect(200);
    expect(passed.body.status).toBe('active');
    await A.post(`/designations/${otherDesignation.id}/re-review`, { reReviewNote: '年度抽查再次复核' }).expect(200);
    const failed = await A.post(`/designations/${otherDesignation.id}/re-review/complete`, {
      passed: false,
      reReviewNote: '复核未达到认定层级要求',
    }).expect(200);
    expect(failed.body).toMatchObject({ status: 'revoked', revocationReason: 'failed_re_review' });
    const reReviewBan = await A.get(`/reapplication-bans?enterpriseId=${smart.enterpriseId}&inForce=true`).expect(200);
    expect(reReviewBan.body.items).toHaveLength(1);
    const rb = reReviewBan.body.items[0];
    expect(Number(rb.endsOn.slice(0, 4)) - Number(rb.startsOn.slice(0, 4))).toBe(2);

    const ds = t.app.get(DataSource);
    const audit = await ds.query(`SELECT action FROM audit_events WHERE entity_id = ANY($1::text[]) ORDER BY id`, [
      [ids[0], revision.body.id],
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['decision.proposed', 'decision.confirmed', 'decision.superseded']),
    );
  }, 60_000); // some forty requests in one walk

  it('lets only one of two concurrent proposals, and one of two concurrent confirmations, win', async () => {
    const body = {
      applicationId: third.id,
      outcome: 'cultivation_pool',
      decisionTier: 'smart_factory',
      reasonCode: 'close_to_threshold',
    };
    const proposals = await Promise.all([
      api(officialA).post('/decisions', body),
      api(officialB).post('/decisions', body),
    ]);
    expect(proposals.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = proposals.find((r) => r.status === 201)!.body;
    const confirmers = [officialA, officialB, officialC].filter((o) => o.id !== winner.proposedBy).slice(0, 2);
    const confirms = await Promise.all(confirmers.map((o) => api(o).post(`/decisions/${winner.id}/confirm`)));
    expect(confirms.map((r) => r.status).sort()).toEqual([200, 409]);
    // A cultivation-pool decision is final as confirmed: it is not published.
    const current = await api(officialA).get(`/decisions/${winner.id}`).expect(200);
    expect(current.body).toMatchObject({ status: 'confirmed', outcome: 'cultivation_pool', tier: 'smart_factory' });
  });

  it('counts 公示 working days over holidays, 调休 and years without data; the admin edits a year', async () => {
    const A = api(officialA);
    const known = await A.get('/calendars/working-days?start=2025-09-29&days=5').expect(200);
    expect(known.body).toEqual({ date: '2025-10-11', yearsWithoutData: [], warning: null });
    const unknown = await A.get('/calendars/working-days?start=2031-01-01&days=1').expect(200);
    expect(unknown.body.date).toBe('2031-01-01');
    expect(unknown.body.warning).toContain('2031');
    const notice = '国务院办公厅关于2031年部分节假日安排的通知（国办发明电〔2030〕1号）';
    await t
      .http()
      .put('/api/v1/calendars/2031')
      .set(bearer(admin))
      .send({ notice, holidays: ['2031-01-01'], workingWeekends: [] })
      .expect(200);
    const edited = await A.get('/calendars/working-days?start=2031-01-01&days=1').expect(200);
    expect(edited.body).toEqual({ date: '2031-01-02', yearsWithoutData: [], warning: null });
    const bad = await t
      .http()
      .put('/api/v1/calendars/2031')
      .set(bearer(admin))
      .send({ notice: '放假安排通知（无文号）', holidays: ['2031-02-30'], workingWeekends: ['2031-01-06'] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'notice',
      'holidays[0]',
      'workingWeekends[0]',
    ]);
  });

  it('defers for on-site verification: a team without conflicts, findings per clause, a conclusion, a new decision', async () => {
    const A = api(officialA);
    const B = api(officialB);
    const deferral = await A.post('/decisions', {
      applicationId: fourth.id,
      outcome: 'defer_onsite',
      reasonCode: 'evidence_needs_verification',
    }).expect(201);
    await B.post(`/decisions/${deferral.body.id}/confirm`).expect(200);
    const early = await A.post('/decisions', {
      applicationId: fourth.id,
      outcome: 'designate_applied',
      reasonCode: 'meets_applied_tier',
    }).expect(409);
    expect(early.body.code).toBe('onsite_pending');

    const [member, other] = await expertPool(t, officialA, 2);
    const local = await addExpert(t, officialA, { regionCode: '330106' });
    const refused = await A.post('/onsite-verifications', {
      applicationId: fourth.id,
      scheduledOn: '2026-12-10',
      expertIds: [member.id, local.id],
    }).expect(409);
    expect(refused.body.code).toBe('onsite_team_conflict');
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['expertIds[1]']);
    const visit = await A.post('/onsite-verifications', {
      applicationId: fourth.id,
      scheduledOn: '2026-12-10',
      expertIds: [member.id],
    }).expect(201);
    expect(visit.body.status).toBe('scheduled');

    const clauseId = clausesFor(getRuleSet(), 'workshop', 'discrete')[0].clause.id;
    const findings = { findings: [{ clauseId, met: true, finding: '现场查看设备联网与数据采集系统，运行正常' }] };
    // Only the team records findings; another expert does not even see the visit.
    await t
      .http()
      .put(`/api/v1/onsite-verifications/${visit.body.id}/findings`)
      .set(bearer(other.user))
      .send(findings)
      .expect(404);
    const bad = await t
      .http()
      .put(`/api/v1/onsite-verifications/${visit.body.id}/findings`)
      .set(bearer(member.user))
      .send({ findings: [{ clauseId: 'sd99.ws.a', met: true }] })
      .expect(400);
    expect(bad.body.details[0].field).toBe('findings[0].clauseId');
    const recorded = await t
      .http()
      .put(`/api/v1/onsite-verifications/${visit.body.id}/findings`)
      .set(bearer(member.user))
      .send(findings)
      .expect(200);
    expect(recorded.body.findings).toEqual([expect.objectContaining({ clauseId, met: true, expertId: member.id })]);
    await A.post(`/onsite-verifications/${visit.body.id}/conclude`, {
      conclusion: 'confirmed',
      summary: '现场核查情况与申报材料一致',
    }).expect(200);

    const decided = await A.post('/decisions', {
      applicationId: fourth.id,
      outcome: 'designate_applied',
      reasonCode: 'meets_applied_tier',
    }).expect(201);
    expect(decided.body.supersedesId).toBe(deferral.body.id);
    expect((await B.post(`/decisions/${decided.body.id}/confirm`).expect(200)).body.status).toBe('confirmed');
    expect((await A.get(`/decisions/${deferral.body.id}`).expect(200)).body.status).toBe('superseded');
  });

  it('allocates certificate serials without gaps under concurrency, a rolled-back allocation giving its number back', async () => {
    const ds = t.app.get(DataSource);
    const fresh = await openBatch(t, officialA);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        ds.transaction(async (em) => {
          const serial = await allocateSerial(em, fresh.id, 'future_factory');
          if (i % 3 === 0) throw new Error(`rolled back ${serial}`);
          return serial;
        }),
      ),
    );
    const committed = outcomes
      .filter((o): o is PromiseFulfilledResult<number> => o.status === 'fulfilled')
      .map((o) => o.value)
      .sort((a, b) => a - b);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [counter] = await ds.query(
      `SELECT last FROM designation_counters WHERE batch_id = $1 AND tier = 'future_factory'`,
      [fresh.id],
    );
    expect(counter.last).toBe(8);
  });
});
