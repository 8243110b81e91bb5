import {
  clausesFor,
  evaluateSubmission,
  getRuleSet,
  scoreApplication,
  type ScoringResult,
  type TierCode,
} from '@ff/rules';
import type { CertificateFacts } from '../certificate';
import { buildAssessmentReportInput, type AssessmentReportInput, type ReportSources } from '../report-input';
import type { ResultBasis } from '@ff/reviews';

/**
 * A realistic report input from the real rules library: a future factory (14 domains, 44
 * sub-domains), a panel of three per sub-domain with one divergent sub-domain and one red line,
 * comments where a clause scores below the top, a real pre-check report with table 15's
 * classification. Used by the tests, the preview script and the benchmark.
 */
export function sampleReportSources(
  opts: { enterpriseName?: string; tier?: TierCode; experts?: string[]; basis?: ResultBasis } = {},
): ReportSources {
  const tier = opts.tier ?? 'future_factory';
  const ruleSet = getRuleSet();
  const experts = opts.experts ?? ['e-7f3a', 'e-1b22', 'e-c0d9'];
  const clauses = clausesFor(ruleSet, tier, 'discrete');
  const bySub = new Map<number, string[]>();
  for (const { clause, subdomain } of clauses) bySub.set(subdomain.no, [...(bySub.get(subdomain.no) ?? []), clause.id]);
  const subs = [...bySub.keys()];
  const scale = [1, 0.8, 1, 0.5, 1, 0.8];
  const scoreOf = (sub: number, clauseIndex: number, expert: number) => {
    if (sub === subs[1] && clauseIndex === 0 && expert === 0) return 0; // a red line, if mandatory
    if (sub === subs[2]) return expert === 0 ? 0 : 1; // divergent
    return scale[(sub + clauseIndex + expert) % scale.length];
  };
  const sheets: ReportSources['sheets'] = [];
  const panels = subs.map((no) => ({
    subdomainNo: no,
    experts: experts.map((expertId, e) => {
      const scores = Object.fromEntries(bySub.get(no)!.map((id, i) => [id, scoreOf(no, i, e)]));
      sheets.push({
        expertId,
        subdomainNo: no,
        scores: Object.fromEntries(
          Object.entries(scores).map(([id, score]) => [
            id,
            {
              score,
              comment:
                score < 1
                  ? `该条款佐证材料不足（${score === 0 ? '未见实施记录' : '仅覆盖部分产线'}），建议补充。`
                  : null,
            },
          ]),
        ),
      });
      return { expertId, clauses: scores };
    }),
  }));
  const scored = scoreApplication({ tier, industry: 'discrete', panels });
  if (!scored.ok) throw new Error(`sample scoring failed: ${JSON.stringify(scored.errors.slice(0, 2))}`);
  const report = evaluateSubmission({
    tier,
    industry: 'discrete',
    constructionType: tier === 'future_factory' ? 'chain_leader' : null,
    profile: { chainLeader: true, industryLeader: false },
    constructionEvidence: { chain_leader: { coreCapability: { claimed: true, evidence: ['a'.repeat(64)] } } },
    declarations: clauses.map(({ clause }) => ({
      clauseId: clause.id,
      status: 'met',
      narrative: '已建成覆盖全厂的工业互联网平台，实现设备、产线与业务系统的数据互通，并形成持续改进机制。',
      evidence: ['b'.repeat(64)],
    })),
  });
  return {
    applicationId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    submission: {
      contentHash: 'c'.repeat(64),
      submittedAt: '2026-03-02T02:30:00.000Z',
      content: {
        batch: { code: '2026-浙江-第一批', ruleSetVersion: ruleSet.version },
        tier,
        industryMode: 'discrete',
        constructionType: tier === 'future_factory' ? 'chain_leader' : null,
        enterprise: {
          name: opts.enterpriseName ?? '浙江数智精密机械股份有限公司',
          creditCode: '91330106MA2AXXXX1X',
          regionCode: '330106',
        },
      },
      precheckReport: report as unknown as Record<string, unknown>,
    },
    result: {
      status: 'final',
      computedAt: '2026-05-20T08:00:00.000Z',
      basis: opts.basis ?? 'raw',
      result: scored as ScoringResult,
      highestTier: scored.decision.recommendation === 'pass' ? tier : null,
      resolution: scored.divergent.length ? { action: 'accept', note: '分歧原因已核实，采纳多数专家意见' } : null,
    },
    sheets,
  };
}

export function sampleReportInput(opts: Parameters<typeof sampleReportSources>[0] = {}): AssessmentReportInput {
  return buildAssessmentReportInput(sampleReportSources(opts));
}

export function sampleCertificate(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    certificateNumber: 'ZJFF-2026-01-FF-0007',
    verificationCode: 'K7Q2M9',
    enterpriseName: '浙江数智精密机械股份有限公司',
    creditCode: '91330106MA2AXXXX1X',
    tier: 'future_factory',
    constructionType: '链主型',
    validFrom: '2026-07-01',
    validUntil: '2029-06-30',
    issuedAt: '2026-07-01',
    verifyUrl:
      'https://ff.example.gov.cn/api/v1/public/designations/verify?certificateNumber=ZJFF-2026-01-FF-0007&verificationCode=K7Q2M9',
    ...overrides,
  };
}
