import { TestApp, TEST_PASSWORD, TestUser, bearer, unique } from './test-app';
import { uniqueCreditCode } from './fixtures';

export interface ExpertFixture {
  id: string;
  user: TestUser;
  employerCreditCode: string | null;
}

/**
 * An expert added by `official` over HTTP, signed in: first login with the one-time password,
 * the required password change, and a fresh login.
 */
export async function addExpert(
  t: TestApp,
  official: TestUser,
  profile: Record<string, unknown> = {},
): Promise<ExpertFixture> {
  const username = unique('ex');
  const created = await t
    .http()
    .post('/api/v1/experts')
    .set(bearer(official))
    .send({
      username,
      name: `专家${username.slice(-4)}`,
      title: '高级工程师',
      employerName: `评审单位${username}`,
      employerCreditCode: uniqueCreditCode(),
      regionCode: '330200',
      expertise: [{ domain: 'technology_support', level: 'primary' }],
      maxTasksPerRound: 10,
      ...profile,
    })
    .expect(201);
  const first = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password: created.body.initialPassword })
    .expect(200);
  await t
    .http()
    .post('/api/v1/auth/password')
    .set(bearer({ token: first.body.accessToken }))
    .send({ currentPassword: created.body.initialPassword, newPassword: TEST_PASSWORD })
    .expect(204);
  const login = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
  return {
    id: created.body.id,
    employerCreditCode: created.body.employerCreditCode,
    user: { id: created.body.userId, username, token: login.body.accessToken, refreshToken: login.body.refreshToken },
  };
}
