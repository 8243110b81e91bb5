/**
 * What the HTTP-driven benchmarks and the fault scripts make through the api, as its users would:
 * accounts, an open batch, complete drafts, experts signed in. Each takes the caller's `ApiCall`
 * (`apiCaller` in this process, `okCaller` against the built apps). Apart from `bench-util.ts`,
 * whose timing helpers the pure and the memory-measuring benchmarks load.
 */
import { SYSTEM_ACTOR } from '@ff/core';
import { makeCreditCode } from '@ff/enterprises';
import type { UsersService } from '@ff/identity';
import { getRuleSet } from '@ff/rules';

/** One JSON call of the api below `/api/v1`: the answer's body; a non-2xx answer throws. */
export type ApiCall = (
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
) => Promise<Record<string, unknown>>;

export const NARRATIVE = '已建成覆盖全部产线的设备联网与数据采集系统，实时采集设备运行参数并用于生产调度和质量追溯。';
/** The smallest PDF the storage takes as evidence. */
export const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 after `prefix` (registration type and region, 8 characters), random otherwise. */
export const randomCreditCode = (prefix: string) =>
  makeCreditCode(prefix + Array.from({ length: 9 }, () => ALPHABET[Math.floor(Math.random() * 31)]).join(''));

/** Every domain of the current rule set at the primary level: an expert who may review anything. */
export const EVERY_DOMAIN = getRuleSet().domains.map((d) => ({ domain: d.code, level: 'primary' }));

/**
 * Staff and enterprise accounts made through `UsersService` (as the first-run admin would, no
 * password change due), signed in over HTTP; `bench_<role>_<run>_<i>`.
 */
export function accountMaker(users: UsersService, call: ApiCall, run: string, password: string) {
  return async (role: 'official' | 'enterprise' | 'recommender', i: number, regionCode?: string): Promise<string> => {
    const username = `bench_${role}_${run}_${i}`;
    await users.create(
      SYSTEM_ACTOR,
      {},
      { username, displayName: `压测${role}${i}`, password, role, regionCode },
      { mustChangePassword: false },
    );
    return (await call(null, 'POST', '/auth/login', { username, password })).accessToken as string;
  };
}

/** A batch for `tiers`, open for submissions from an hour ago until tomorrow; the batch as created. */
export async function openBatch(
  call: ApiCall,
  official: string,
  fields: { code: string; title: string; tiers: string[] },
): Promise<Record<string, unknown>> {
  const batch = await call(official, 'POST', '/batches', {
    ...fields,
    submissionOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    submissionClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await call(official, 'POST', `/batches/${batch.id}/open`);
  return batch;
}

/**
 * The enterprise of `token` (in 330106, discrete) with a complete draft: one evidence file, every
 * clause declared met citing it; `passing` adds 申报条件事项 meeting every default threshold, so
 * the pre-check passes.
 */
export async function completeDraft(
  call: ApiCall,
  token: string,
  draft: { batchId: string; tier: string; enterpriseName: string; passing: boolean },
): Promise<{ id: string; clauses: { clauseId: string }[] }> {
  await call(token, 'POST', '/enterprises', {
    name: draft.enterpriseName,
    creditCode: randomCreditCode('91330106'),
    regionCode: '330106',
    industryMode: 'discrete',
  });
  const created = await call(token, 'POST', '/applications', { batchId: draft.batchId, tier: draft.tier });
  const form = new FormData();
  form.append('file', new Blob([EVIDENCE_PDF], { type: 'application/pdf' }), '佐证材料.pdf');
  const evidence = await call(token, 'POST', `/applications/${created.id}/evidence`, form);
  const sheet = await call(token, 'GET', `/applications/${created.id}/self-assessment`);
  const clauses = sheet.clauses as { clauseId: string }[];
  await call(token, 'PUT', `/applications/${created.id}/self-assessment`, {
    declarations: clauses.map((c) => ({
      clauseId: c.clauseId,
      status: 'met',
      narrative: NARRATIVE,
      evidenceIds: [evidence.id],
    })),
  });
  if (draft.passing) {
    const cite = { evidenceIds: [evidence.id] };
    await call(token, 'PATCH', `/applications/${created.id}`, {
      eligibilityFacts: {
        digitalLevel: { value: 3, ...cite },
        investment: { value: 5000, ...cite },
        creditRating: { value: 'good', ...cite },
        violations: { value: false },
        independentLegalPerson: { value: true, ...cite },
        completionDate: { value: '2025-06-30', ...cite },
      },
    });
  }
  return { id: created.id as string, clauses };
}

/**
 * An expert added by `official` (Ningbo, every domain primary, a random employer code), its
 * one-time password changed to `password`, signed in.
 */
export async function addExpert(
  call: ApiCall,
  official: string,
  password: string,
  profile: { username: string; name: string; employerName: string; maxTasksPerRound: number; email?: string },
): Promise<{ id: string; token: string }> {
  const created = await call(official, 'POST', '/experts', {
    title: '高级工程师',
    employerCreditCode: randomCreditCode('91330200'),
    regionCode: '330200',
    expertise: EVERY_DOMAIN,
    ...profile,
  });
  const initial = created.initialPassword as string;
  const first = await call(null, 'POST', '/auth/login', { username: profile.username, password: initial });
  await call(first.accessToken as string, 'POST', '/auth/password', {
    currentPassword: initial,
    newPassword: password,
  });
  const login = await call(null, 'POST', '/auth/login', { username: profile.username, password });
  return { id: created.id as string, token: login.accessToken as string };
}
