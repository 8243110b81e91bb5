import { makeCreditCode } from '@ff/enterprises';
import { TestApp, TestUser, bearer, createUser } from './test-app';

let serial = 0;
/** A valid, unique 统一社会信用代码 for region 330106 (西湖区). */
export function uniqueCreditCode(): string {
  serial++;
  const body = `${Date.now().toString().slice(-6)}${String(serial).padStart(3, '0')}`.slice(-9);
  return makeCreditCode(`91330106${body}`);
}

/** An open batch whose window contains now. */
export async function openBatch(t: TestApp, official: TestUser, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  const res = await t
    .http()
    .post('/api/v1/batches')
    .set(bearer(official))
    .send({
      code: `B${now.toString(36)}${serial++}`,
      title: '测试批次',
      tiers: ['workshop', 'smart_factory', 'future_factory'],
      submissionOpensAt: new Date(now - 3600_000).toISOString(),
      submissionClosesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
      ...overrides,
    })
    .expect(201);
  await t.http().post(`/api/v1/batches/${res.body.id}/open`).set(bearer(official)).expect(200);
  return res.body as { id: string; code: string };
}

/** An enterprise user bound to a freshly registered enterprise in `regionCode`. */
export async function enterpriseUser(t: TestApp, regionCode = '330106', industryMode = 'discrete') {
  const user = await createUser(t, 'enterprise');
  const res = await t
    .http()
    .post('/api/v1/enterprises')
    .set(bearer(user))
    .send({ name: `测试企业${serial++}有限公司`, creditCode: uniqueCreditCode(), regionCode, industryMode, profile: { chainLeader: true } })
    .expect(201);
  return { user, enterprise: res.body as { id: string; creditCode: string; regionCode: string } };
}
