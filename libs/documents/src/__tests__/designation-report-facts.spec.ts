import { CURRENT_RULE_SET_VERSION, clausesFor, getRuleSet } from '@ff/rules';
import { decisionInWords, reportDecision, reportOnSite } from '../designation-report-facts';

describe('the designations facts in a report', () => {
  it('states a decision in words: outcome, tier, reasons in Chinese, the Beijing day it was confirmed', () => {
    const d = {
      decisionId: 'd1',
      applicationId: 'a1',
      outcome: 'designate_lower' as const,
      outcomeName: '降级认定',
      tier: 'workshop' as const,
      tierName: '省级数字化车间',
      reasonCodes: ['meets_lower_tier_only'],
      reasonNames: ['专家评分仅达到较低层级通过线'],
      status: 'confirmed' as const,
      // 17:30 UTC is already the next day in Beijing.
      confirmedAt: new Date('2026-03-09T17:30:00Z'),
    };
    expect(reportDecision(d)).toEqual({
      outcome: '降级认定',
      tierName: '省级数字化车间',
      reasons: ['专家评分仅达到较低层级通过线'],
      decidedAt: '2026-03-10',
    });
    expect(decisionInWords(d)).toBe('降级认定（省级数字化车间）');
    expect(decisionInWords({ outcomeName: '不予认定', tierName: null })).toBe('不予认定');
  });

  it('lists on-site findings in catalog order with each clause text verbatim, experts unnamed', () => {
    const clauses = clausesFor(getRuleSet(), 'smart_factory', 'discrete');
    const [first, second] = [clauses[0].clause, clauses[5].clause];
    const verbatim = (c: typeof first) => `${c.label ? `${c.label}）` : ''}${c.text}`;
    const onSite = reportOnSite(
      {
        id: 'o1',
        applicationId: 'a1',
        scheduledOn: '2026-04-01',
        conclusion: 'partially_confirmed',
        conclusionName: '部分属实',
        summary: '主要产线已建成，仓储系统尚在调试',
        concludedAt: new Date('2026-04-02T02:00:00Z'),
        findings: [
          { clauseId: second.id, met: false, finding: '系统尚在调试', expertId: 'e2', at: '2026-04-01T03:00:00Z' },
          { clauseId: first.id, met: true, finding: null, expertId: 'e1', at: '2026-04-01T04:00:00Z' },
        ],
      },
      CURRENT_RULE_SET_VERSION,
    );
    expect(onSite).toEqual({
      conclusion: '部分属实。主要产线已建成，仓储系统尚在调试',
      date: '2026-04-02',
      findings: [
        { clause: verbatim(first), text: '符合' },
        { clause: verbatim(second), text: '不符合：系统尚在调试' },
      ],
    });
    expect(JSON.stringify(onSite)).not.toMatch(/e1|e2/);
  });
});
