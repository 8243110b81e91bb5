import { DataSource } from 'typeorm';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';
import {
  NARRATIVE,
  completeDraft,
  enterpriseUser,
  fingerprint,
  openBatch,
  uniquePdf,
  waitForStatus,
} from './support/fixtures';

const api = (path: string) => `/api/v1/applications${path}`;

/** What an integrator builds on: merge semantics, hints, table 15 claims, the draft dry run, lists. */
describe('applications: the contract a portal builds on', () => {
  let t: TestApp;
  let official: TestUser;
  let batchId: string;
  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    batchId = (await openBatch(t, official)).id;
  });
  afterAll(() => t.close());

  const upload = async (owner: TestUser, id: string, bytes = uniquePdf()) =>
    t
      .http()
      .post(api(`/${id}/evidence`))
      .set(bearer(owner))
      .attach('file', bytes, { filename: '佐证.pdf', contentType: 'application/pdf' })
      .expect(201);

  it('saving one clause with only a status keeps its narrative and evidence, and answers the clause and progress', async () => {
    const { user } = await enterpriseUser(t);
    const { id } = (await t.http().post(api('')).set(bearer(user)).send({ batchId, tier: 'workshop' }).expect(201))
      .body;
    const evidenceId = (await upload(user, id)).body.id;
    await t
      .http()
      .put(api(`/${id}/self-assessment/sd01.ws.a`))
      .set(bearer(user))
      .send({ status: 'met', narrative: NARRATIVE, evidenceIds: [evidenceId] })
      .expect(200);
    const res = await t
      .http()
      .put(api(`/${id}/self-assessment/sd01.ws.a`))
      .set(bearer(user))
      .send({ status: 'partial' })
      .expect(200);
    expect(res.body).toMatchObject({
      applicationId: id,
      clauseId: 'sd01.ws.a',
      declaration: { status: 'partial', statusName: '部分满足', narrative: NARRATIVE, evidenceIds: [evidenceId] },
      progress: { declared: 1 },
    });
    expect(res.body.clauses).toBeUndefined();
    // Explicit values still clear; a first save without a status is refused by name.
    const cleared = await t
      .http()
      .put(api(`/${id}/self-assessment/sd01.ws.a`))
      .set(bearer(user))
      .send({ narrative: '', evidenceIds: [] })
      .expect(200);
    expect(cleared.body.declaration).toMatchObject({ status: 'partial', narrative: '', evidenceIds: [] });
    const first = await t
      .http()
      .put(api(`/${id}/self-assessment/sd02.ws.a`))
      .set(bearer(user))
      .send({})
      .expect(400);
    expect(first.body.details).toEqual([expect.objectContaining({ field: 'status', code: 'required' })]);
  });

  it('accepts a fully written future-factory form in one bulk save', async () => {
    const { user } = await enterpriseUser(t);
    const { id } = (
      await t.http().post(api('')).set(bearer(user)).send({ batchId, tier: 'future_factory' }).expect(201)
    ).body;
    const form = await t
      .http()
      .get(api(`/${id}/self-assessment`))
      .set(bearer(user))
      .expect(200);
    const full = '智'.repeat(5000);
    const declarations = form.body.clauses.map((c: { clauseId: string }) => ({
      clauseId: c.clauseId,
      status: 'met',
      narrative: full,
    }));
    expect(declarations.length).toBeGreaterThan(100);
    expect(Buffer.byteLength(JSON.stringify({ declarations }))).toBeGreaterThan(t.config.http.bodyLimit);
    const saved = await t
      .http()
      .put(api(`/${id}/self-assessment`))
      .set(bearer(user))
      .send({ declarations })
      .expect(200);
    expect(saved.body.progress.declared).toBe(declarations.length);
  });

  it('keeps one record for the same file uploaded twice, and deletes evidence while editable', async () => {
    const { user } = await enterpriseUser(t);
    const { id } = (await t.http().post(api('')).set(bearer(user)).send({ batchId, tier: 'workshop' }).expect(201))
      .body;
    const bytes = uniquePdf();
    const a = await upload(user, id, bytes);
    const b = await upload(user, id, bytes);
    expect(b.body.id).toBe(a.body.id);
    const list = await t
      .http()
      .get(api(`/${id}/evidence`))
      .set(bearer(user))
      .expect(200);
    expect(list.body).toHaveLength(1);
    await t
      .http()
      .put(api(`/${id}/self-assessment/sd01.ws.a`))
      .set(bearer(user))
      .send({ status: 'met', narrative: NARRATIVE, evidenceIds: [a.body.id] })
      .expect(200);
    // Another enterprise cannot delete it: the same 404 as an unknown id.
    const other = await enterpriseUser(t);
    await t
      .http()
      .delete(api(`/${id}/evidence/${a.body.id}`))
      .set(bearer(other.user))
      .expect(404);
    await t
      .http()
      .delete(api(`/${id}/evidence/${a.body.id}`))
      .set(bearer(user))
      .expect(204);
    expect(
      (
        await t
          .http()
          .get(api(`/${id}/evidence`))
          .set(bearer(user))
          .expect(200)
      ).body,
    ).toEqual([]);
    const form = await t
      .http()
      .get(api(`/${id}/self-assessment`))
      .set(bearer(user))
      .expect(200);
    const clause = form.body.clauses.find((c: { clauseId: string }) => c.clauseId === 'sd01.ws.a');
    expect(clause.declaration.evidenceIds).toEqual([]);
    const [event] = await t.app
      .get(DataSource)
      .query(
        `SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'application.evidence_deleted'`,
        [id],
      );
    expect(event.before).toMatchObject({ evidenceId: a.body.id });
    expect(event.after.removedFromClauses).toEqual(['sd01.ws.a']);
    await t
      .http()
      .delete(api(`/${id}/evidence/${a.body.id}`))
      .set(bearer(user))
      .expect(404);
  });

  it('table 15 claims confirm the construction type in the draft dry run, which stores nothing', async () => {
    const { user } = await enterpriseUser(t);
    const { id } = (
      await t
        .http()
        .post(api(''))
        .set(bearer(user))
        .send({ batchId, tier: 'future_factory', constructionType: 'chain_leader' })
        .expect(201)
    ).body;
    const before = await t
      .http()
      .post(api(`/${id}/precheck/dry-run`))
      .set(bearer(user))
      .expect(200);
    expect(before.body.constructionType.declaredSupported).toBeNull();
    expect(before.body.findings.map((f: { code: string }) => f.code)).toContain('construction_type.undetermined');

    const evidenceId = (await upload(user, id)).body.id;
    const claim = { claimed: true, narrative: '本企业为链主企业，带动上下游协同。', evidenceIds: [evidenceId] };
    const patched = await t
      .http()
      .patch(api(`/${id}`))
      .set(bearer(user))
      .send({ constructionClaims: { basicRequirement: claim, coreCapability: claim, newTechModel: claim } })
      .expect(200);
    expect(patched.body.constructionClaims.coreCapability).toEqual(claim);
    // A dimension given alone replaces only itself.
    await t
      .http()
      .patch(api(`/${id}`))
      .set(bearer(user))
      .send({ constructionClaims: { newTechModel: { ...claim, narrative: '平台化协同' } } })
      .expect(200);

    const stranger = await enterpriseUser(t);
    await t
      .http()
      .post(api(`/${id}/precheck/dry-run`))
      .set(bearer(stranger.user))
      .expect(404);
    const unchanged = await fingerprint(t);
    const after = await t
      .http()
      .post(api(`/${id}/precheck/dry-run`))
      .set(bearer(user))
      .expect(200);
    expect(await fingerprint(t)).toEqual(unchanged);
    const chain = after.body.constructionType.types.find((x: { code: string }) => x.code === 'chain_leader');
    expect(chain.verdict).toBe('fit');
    expect(after.body.constructionType.declaredSupported).toBe(true);
    expect(after.body.findings.map((f: { code: string }) => f.code)).not.toContain('construction_type.undetermined');
    expect(
      (
        await t
          .http()
          .get(api(`/${id}`))
          .set(bearer(user))
          .expect(200)
      ).body.status,
    ).toBe('draft');

    // The stateless evaluation takes the same field names and reaches the same classification.
    const evaluated = await t
      .http()
      .post('/api/v1/rules/evaluate')
      .set(bearer(user))
      .send({
        tier: 'future_factory',
        industryMode: 'discrete',
        constructionType: 'chain_leader',
        constructionClaims: { basicRequirement: claim, coreCapability: claim, newTechModel: claim },
        declarations: [{ clauseId: 'sd01.ws.a', status: 'met', narrative: NARRATIVE, evidenceIds: [evidenceId] }],
      })
      .expect(200);
    expect(evaluated.body.constructionType.declaredSupported).toBe(true);

    // A foreign evidence id in a claim is refused by field; claims without a type are refused.
    const bad = await t
      .http()
      .patch(api(`/${id}`))
      .set(bearer(user))
      .send({
        constructionClaims: {
          coreCapability: { claimed: true, evidenceIds: ['00000000-0000-4000-8000-000000000000'] },
        },
      })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({
      field: 'constructionClaims.coreCapability.evidenceIds[0]',
      code: 'unknown_evidence',
    });
  });

  it('hints: allowedActions from the state machine, editable and acceptingSubmissions follow the batch', async () => {
    const batch = await openBatch(t, official);
    const { user } = await enterpriseUser(t);
    const { id } = await completeDraft(t, user, batch.id);
    const draft = await t
      .http()
      .get(api(`/${id}`))
      .set(bearer(user))
      .expect(200);
    expect(draft.body).toMatchObject({ editable: true, batchAcceptingSubmissions: true, tierName: '省级数字化车间' });
    expect(draft.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['edit', 'submit', 'withdraw']);
    // A draft is the enterprise's own until it is submitted: the province is told it does not exist.
    await t
      .http()
      .get(api(`/${id}`))
      .set(bearer(official))
      .expect(404);

    await t.http().post(`/api/v1/batches/${batch.id}/close`).set(bearer(official)).expect(200);
    const closedBatch = await t.http().get(`/api/v1/batches/${batch.id}`).set(bearer(user)).expect(200);
    expect(closedBatch.body).toMatchObject({ status: 'closed', statusName: '已截止', acceptingSubmissions: false });
    const closed = await t
      .http()
      .get(api(`/${id}`))
      .set(bearer(user))
      .expect(200);
    expect(closed.body).toMatchObject({ editable: false, batchAcceptingSubmissions: false });
    expect(closed.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['withdraw']);
    // And the server agrees with the hint.
    const refused = await t
      .http()
      .put(api(`/${id}/self-assessment/sd01.ws.a`))
      .set(bearer(user))
      .send({ status: 'met' })
      .expect(409);
    expect(refused.body.code).toBe('batch_not_open');
  });

  it('lists: regionCode of a city includes its counties; multi-value status; waitingForMe; sort', async () => {
    const { enterprise } = await enterpriseUser(t, '330106');
    const byCity = await t
      .http()
      .get('/api/v1/enterprises?regionCode=330100&pageSize=100')
      .set(bearer(official))
      .expect(200);
    expect(byCity.body.items.map((e: { id: string }) => e.id)).toContain(enterprise.id);
    expect(byCity.body.items[0]).toMatchObject({ cityCode: '330100', cityName: '杭州市' });
    const elsewhere = await t.http().get('/api/v1/enterprises?regionCode=330200').set(bearer(official)).expect(200);
    expect(elsewhere.body.items.map((e: { id: string }) => e.id)).not.toContain(enterprise.id);
    await t.http().get('/api/v1/enterprises?regionCode=339999').set(bearer(official)).expect(400);
    await t.http().get('/api/v1/enterprises?sort=credit').set(bearer(official)).expect(400);

    const { user } = await enterpriseUser(t, '330106');
    const { id } = await completeDraft(t, user, batchId);
    await t
      .http()
      .post(api(`/${id}/submit`))
      .set(bearer(user))
      .expect(200);
    expect(await waitForStatus(t, id, user, 'submitted')).toMatchObject({ status: 'precheck_passed' });
    const county = await createUser(t, 'recommender', { regionCode: '330106' });
    const city = await createUser(t, 'recommender', { regionCode: '330100' });
    const mine = await t.http().get(api('?waitingForMe=true&pageSize=100')).set(bearer(county)).expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect(mine.body.items.every((a: { status: string }) => a.status === 'precheck_passed')).toBe(true);
    const notCity = await t.http().get(api('?waitingForMe=true&pageSize=100')).set(bearer(city)).expect(200);
    expect(notCity.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    // List items carry the same hints as the detail.
    const asOwner = await t.http().get(api('?pageSize=100')).set(bearer(user)).expect(200);
    expect(asOwner.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({
      editable: false,
      batchAcceptingSubmissions: true,
      allowedActions: [{ action: 'withdraw', name: '撤回申报' }],
    });
    const countyItem = mine.body.items.find((a: { id: string }) => a.id === id);
    expect(countyItem.allowedActions.map((a: { action: string }) => a.action)).toEqual([
      'county_recommend',
      'county_return',
    ]);
    const multi = await t
      .http()
      .get(api('?status=draft,precheck_passed&sort=-createdAt&pageSize=100'))
      .set(bearer(official))
      .expect(200);
    expect(multi.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const created = multi.body.items.map((a: { createdAt: string }) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const unknown = await t.http().get(api('?stauts=draft')).set(bearer(official)).expect(400);
    expect(unknown.body.message).toBe('不支持查询参数“stauts”');
  });
});
