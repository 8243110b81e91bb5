import { DataSource } from 'typeorm';
import { enterpriseUser, openBatch, uniqueCreditCode } from './support/fixtures';
import { TestApp, bearer, createUser, startTestApp } from './support/test-app';

describe('batches and enterprises', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const count = async (table: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  describe('batches', () => {
    it('walks draft → open → closed, audited, with drafts hidden from enterprises', async () => {
      const official = await createUser(t, 'official', { regionCode: '330000' });
      const ent = await createUser(t, 'enterprise');
      const created = await t
        .http()
        .post('/api/v1/batches')
        .set(bearer(official))
        .send({
          code: `D${Date.now()}`,
          title: '草稿批次',
          tiers: ['workshop'],
          submissionOpensAt: '2026-03-01T09:00:00+08:00',
          submissionClosesAt: '2026-04-30T17:00:00+08:00',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        ruleSetVersion: 'zj-ff-2025.1',
        panelSizes: { workshop: 3, smart_factory: 5, future_factory: 7 },
      });
      expect(created.body.precheckPolicy.minNarrativeLength).toBe(20);
      await t.http().get(`/api/v1/batches/${created.body.id}`).set(bearer(ent)).expect(404);
      const list = await t.http().get('/api/v1/batches?pageSize=100').set(bearer(ent)).expect(200);
      expect(list.body.items.map((b: { id: string }) => b.id)).not.toContain(created.body.id);
      await t.http().post(`/api/v1/batches/${created.body.id}/open`).set(bearer(official)).expect(200);
      const again = await t.http().post(`/api/v1/batches/${created.body.id}/open`).set(bearer(official)).expect(409);
      expect(again.body).toMatchObject({
        code: 'invalid_transition',
        message: '批次当前状态为“申报中”，不能执行“开放申报”',
      });
      const edit = await t
        .http()
        .patch(`/api/v1/batches/${created.body.id}`)
        .set(bearer(official))
        .send({ title: '改名' })
        .expect(409);
      expect(edit.body.message).toContain('仅可延长申报截止时间');
      await t
        .http()
        .patch(`/api/v1/batches/${created.body.id}`)
        .set(bearer(official))
        .send({ submissionClosesAt: '2026-05-10T17:00:00+08:00' })
        .expect(200);
      await t.http().post(`/api/v1/batches/${created.body.id}/close`).set(bearer(official)).expect(200);
      const events = await t.app
        .get(DataSource)
        .query(`SELECT action, actor_id FROM audit_events WHERE entity_id = $1 ORDER BY id`, [created.body.id]);
      // The enterprise's look at the draft is a denied access on record, like any hidden resource.
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'batch.created',
        'access.denied',
        'batch.opened',
        'batch.updated',
        'batch.closed',
      ]);
      expect(events[1].actor_id).toBe(ent.id);
    });

    it('refuses bad input with Chinese messages and writes nothing', async () => {
      const official = await createUser(t, 'official', { regionCode: '330000' });
      const before = await count('batches');
      const base = {
        code: `X${Date.now()}`,
        title: '批次',
        tiers: ['workshop'],
        submissionOpensAt: '2026-03-01T09:00:00+08:00',
        submissionClosesAt: '2026-04-30T17:00:00+08:00',
      };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ tiers: [] }, 'tiers'],
        [{ tiers: ['gold'] }, 'tiers'],
        [{ submissionClosesAt: '2026-02-01T09:00:00+08:00' }, 'submissionClosesAt'],
        [{ submissionOpensAt: '2026-03-01T09:00:00' }, 'submissionOpensAt'],
        [{ ruleSetVersion: 'zj-1999' }, 'ruleSetVersion'],
        [{ status: 'open' }, 'status'],
        [{ panelSizes: { workshop: 0, smart_factory: 5, future_factory: 7 } }, 'panelSizes.workshop'],
        [{ panelSizes: [{ workshop: 3, smart_factory: 5, future_factory: 7 }] }, 'panelSizes'],
        [{ precheckPolicy: 'strict' }, 'precheckPolicy'],
      ];
      for (const [patch, field] of cases) {
        const res = await t
          .http()
          .post('/api/v1/batches')
          .set(bearer(official))
          .send({ ...base, ...patch })
          .expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await count('batches')).toBe(before);
    });

    it('lets only officials write', async () => {
      for (const role of ['enterprise', 'expert', 'admin'] as const) {
        const u = await createUser(t, role);
        await t.http().post('/api/v1/batches').set(bearer(u)).send({}).expect(403);
      }
      const rec = await createUser(t, 'recommender', { regionCode: '330100' });
      await t.http().post('/api/v1/batches').set(bearer(rec)).send({}).expect(403);
    });
  });

  describe('enterprises', () => {
    it('registers and binds, normalising full-width characters and spaces', async () => {
      const user = await createUser(t, 'enterprise');
      const code = uniqueCreditCode();
      const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toLowerCase();
      const res = await t
        .http()
        .post('/api/v1/enterprises')
        .set(bearer(user))
        .send({
          name: '  杭州　示范 智能装备有限公司 ',
          creditCode: ` ${fullWidth.slice(0, 6)} ${fullWidth.slice(6)} `,
          regionCode: '３３０１０６',
          industryMode: 'discrete',
        })
        .expect(201);
      expect(res.body).toMatchObject({ creditCode: code, regionCode: '330106', name: '杭州 示范 智能装备有限公司' });
      const me = await t.http().get('/api/v1/auth/me').set(bearer(user)).expect(200);
      expect(me.body.enterpriseId).toBe(res.body.id);
      const second = await t
        .http()
        .post('/api/v1/enterprises')
        .set(bearer(user))
        .send({ name: '第二家企业', creditCode: uniqueCreditCode(), regionCode: '330106', industryMode: 'process' })
        .expect(409);
      expect(second.body.code).toBe('enterprise_already_bound');
    });

    it('refuses invalid credit codes, regions and mass assignment, writing nothing', async () => {
      const before = await count('enterprises');
      const good = uniqueCreditCode();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ creditCode: good.slice(0, 17) }, 'creditCode', '应为18位'],
        [{ creditCode: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') }, 'creditCode', '校验位错误'],
        [{ creditCode: 'I' + good.slice(1) }, 'creditCode', '不得使用I、O、Z、S、V'],
        [{ creditCode: good.slice(0, 10) + 'O' + good.slice(11) }, 'creditCode', '不得使用'],
        [{ regionCode: '110101' }, 'regionCode', '不在浙江省范围内'],
        [{ regionCode: '330100' }, 'regionCode', '区县级'],
        [{ industryMode: 'mixed' }, 'industryMode', '“行业类型”的取值应为以下之一：discrete、process'],
        [{ id: '00000000-0000-4000-8000-000000000000' }, 'id', '不允许提交字段'],
        [{ createdBy: '00000000-0000-4000-8000-000000000000' }, 'createdBy', '不允许提交字段'],
        // An array of profiles would be stored as {"0": …}.
        [{ profile: [{ chainLeader: true }] }, 'profile', '必须是对象'],
      ];
      for (const [patch, field, text] of cases) {
        const user = await createUser(t, 'enterprise');
        const res = await t
          .http()
          .post('/api/v1/enterprises')
          .set(bearer(user))
          .send({ name: '某某企业', creditCode: good, regionCode: '330106', industryMode: 'discrete', ...patch })
          .expect(400);
        const detail = res.body.details.find((d: { field: string }) => d.field === field);
        expect(detail?.message ?? res.body.message).toContain(text);
      }
      expect(await count('enterprises')).toBe(before);
    });

    it('refuses a duplicate credit code with 409', async () => {
      const { enterprise } = await enterpriseUser(t);
      const other = await createUser(t, 'enterprise');
      const res = await t
        .http()
        .post('/api/v1/enterprises')
        .set(bearer(other))
        .send({ name: '重复企业', creditCode: enterprise.creditCode, regionCode: '330106', industryMode: 'discrete' })
        .expect(409);
      expect(res.body.code).toBe('credit_code_taken');
      const me = await t.http().get('/api/v1/auth/me').set(bearer(other)).expect(200);
      expect(me.body.enterpriseId).toBeNull();
    });

    it('scopes reads and writes by ownership and jurisdiction, auditing denials', async () => {
      const a = await enterpriseUser(t, '330106');
      const b = await enterpriseUser(t, '330212');
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(a.user)).expect(200);
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(b.user)).expect(404);
      await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(b.user))
        .send({ name: '篡改' })
        .expect(404);
      const hangzhou = await createUser(t, 'recommender', { regionCode: '330100' });
      const xihu = await createUser(t, 'recommender', { regionCode: '330106' });
      const ningbo = await createUser(t, 'recommender', { regionCode: '330200' });
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(hangzhou)).expect(200);
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(xihu)).expect(200);
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(ningbo)).expect(404);
      const expert = await createUser(t, 'expert');
      await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(expert)).expect(403);
      const guessed = await t
        .http()
        .get('/api/v1/enterprises/00000000-0000-4000-8000-000000000001')
        .set(bearer(a.user))
        .expect(404);
      expect(guessed.body.message).toBe('企业不存在或无权访问');
      const denied = await t.app
        .get(DataSource)
        .query(`SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied' AND entity_id = $1`, [
          a.enterprise.id,
        ]);
      expect(Number(denied[0].n)).toBeGreaterThanOrEqual(3);
      const list = await t.http().get('/api/v1/enterprises?pageSize=100').set(bearer(ningbo)).expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(b.enterprise.id);
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(a.enterprise.id);
      const own = await t.http().get('/api/v1/enterprises').set(bearer(a.user)).expect(200);
      expect(own.body).toMatchObject({ total: 1, items: [{ id: a.enterprise.id }] });
    });

    it('lets the owner edit but not the credit code; the province can', async () => {
      const a = await enterpriseUser(t);
      const official = await createUser(t, 'official', { regionCode: '330000' });
      await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(a.user))
        .send({ contactName: '张三' })
        .expect(200);
      const res = await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(a.user))
        .send({ creditCode: uniqueCreditCode() })
        .expect(403);
      expect(res.body.message).toContain('仅可由省级主管部门修改');
      const newCode = uniqueCreditCode();
      const ok = await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(official))
        .send({ creditCode: newCode })
        .expect(200);
      expect(ok.body.creditCode).toBe(newCode);
      const [event] = await t.app
        .get(DataSource)
        .query(
          `SELECT before, after FROM audit_events WHERE action = 'enterprise.updated' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
          [a.enterprise.id],
        );
      expect(event.before.creditCode).toBe(a.enterprise.creditCode);
      expect(event.after.creditCode).toBe(newCode);
    });

    it('lets only the province move an enterprise to another county, and audits the owner’s refused attempts', async () => {
      // The county decides who recommends (属地推荐): an owner moving its own enterprise would take a
      // county-recommended application out of its city's hands and into another city's.
      const a = await enterpriseUser(t, '330106');
      const official = await createUser(t, 'official', { regionCode: '330000' });
      const ds = t.app.get(DataSource);
      const denials = async () =>
        Number(
          (
            await ds.query(
              `SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied' AND entity_type = 'enterprise' AND entity_id = $1`,
              [a.enterprise.id],
            )
          )[0].n,
        );
      const moved = await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(a.user))
        .send({ regionCode: '330212' })
        .expect(403);
      expect(moved.body).toMatchObject({
        code: 'enterprise_field_province_only',
        details: [{ field: 'regionCode', code: 'enterprise_field_province_only' }],
      });
      expect(moved.body.message).toContain('仅可由省级主管部门修改');
      await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(a.user))
        .send({ creditCode: uniqueCreditCode() })
        .expect(403);
      expect(await denials()).toBe(2);
      // Restating the current values is not a change.
      await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(a.user))
        .send({ regionCode: '330106', creditCode: a.enterprise.creditCode, contactName: '李四' })
        .expect(200);
      const own = await t.http().get(`/api/v1/enterprises/${a.enterprise.id}`).set(bearer(a.user)).expect(200);
      expect(own.body).toMatchObject({ regionCode: '330106', contactName: '李四' });
      const ok = await t
        .http()
        .patch(`/api/v1/enterprises/${a.enterprise.id}`)
        .set(bearer(official))
        .send({ regionCode: '330212' })
        .expect(200);
      expect(ok.body.regionCode).toBe('330212');
    });

    it('serves the Zhejiang division list', async () => {
      const u = await createUser(t, 'enterprise');
      const res = await t.http().get('/api/v1/regions').set(bearer(u)).expect(200);
      expect(res.body.filter((r: { level: string }) => r.level === 'city')).toHaveLength(11);
      expect(res.body).toContainEqual(expect.objectContaining({ code: '330106', name: '西湖区' }));
    });

    it('opens a batch through the fixture', async () => {
      const official = await createUser(t, 'official', { regionCode: '330000' });
      const batch = await openBatch(t, official);
      expect(batch.id).toBeDefined();
    });
  });

  describe('rules endpoints', () => {
    it('serves the catalog export contract and a dry-run evaluation that stores nothing', async () => {
      const u = await createUser(t, 'enterprise');
      const catalog = await t.http().get('/api/v1/rules/catalog').set(bearer(u)).expect(200);
      expect(catalog.body.tiers).toEqual([
        { code: 'workshop', name: '省级数字化车间', domains: 8, subdomains: 24 },
        { code: 'smart_factory', name: '省级智能工厂', domains: 11, subdomains: 34 },
        { code: 'future_factory', name: '未来工厂', domains: 14, subdomains: 44 },
      ]);
      const auditBefore = await count('audit_events');
      const res = await t
        .http()
        .post('/api/v1/rules/evaluate')
        .set(bearer(u))
        .send({
          tier: 'workshop',
          industryMode: 'discrete',
          declarations: [{ clauseId: 'sd01.ws.a', status: 'not_met', narrative: '短', evidenceIds: [] }],
        })
        .expect(200);
      expect(res.body.verdict).toBe('return');
      expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(
        expect.arrayContaining([
          'declaration.not_met',
          'evidence.missing',
          'narrative.too_short',
          'declaration.missing',
        ]),
      );
      expect(await count('audit_events')).toBe(auditBefore);
      const bad = await t
        .http()
        .post('/api/v1/rules/evaluate')
        .set(bearer(u))
        .send({ tier: 'gold', industryMode: 'discrete', declarations: [] })
        .expect(400);
      expect(bad.body.details[0]).toMatchObject({
        field: 'tier',
        message: '“申报层级”的取值应为以下之一：workshop、smart_factory、future_factory',
      });
      const unknownVersion = await t.http().get('/api/v1/rules/catalog?version=v0').set(bearer(u)).expect(400);
      expect(unknownVersion.body).toMatchObject({ code: 'unknown_rule_set', message: '规则版本“v0”不存在' });
      const twoVersions = await t.http().get('/api/v1/rules/catalog?version=v0&version=v1').set(bearer(u)).expect(400);
      expect(twoVersions.body.details[0]).toMatchObject({ field: 'version' });
      // Valid JSON that String() cannot convert: a 400 naming the field, never a 500.
      const hostile = await t
        .http()
        .post('/api/v1/rules/evaluate')
        .set(bearer(u))
        .set('Content-Type', 'application/json')
        .send(
          '{"ruleSetVersion": {"toString": null}, "tier": "workshop", "industryMode": "discrete", "declarations": []}',
        )
        .expect(400);
      expect(hostile.body.details[0]).toMatchObject({ field: 'ruleSetVersion' });
    });
  });
});
