import {
  CONFLICT_RULES,
  cityCodeOf,
  findConflicts,
  firstConflict,
  manualConflictIndex,
  monthsBefore,
} from '../conflict-rules';
import { CONFLICT_RULE_CODES, ConflictRuleCode } from '../types';
import { APPLICANT_CODE, context, expert, task } from './fixtures';

const rule = (code: ConflictRuleCode) => CONFLICT_RULES.find((r) => r.code === code)!;

describe('conflict rules', () => {
  it('covers every rule code once, in the declared order', () => {
    expect(CONFLICT_RULES.map((r) => r.code)).toEqual([...CONFLICT_RULE_CODES]);
  });

  it('an expert with no tie to the applicant has no conflict', () => {
    expect(findConflicts(expert(), task(), context())).toEqual([]);
  });

  describe('same_employer', () => {
    const check = rule('same_employer').check;
    it('hits when the employer is the applicant', () => {
      const x = expert({ employer: { creditCode: APPLICANT_CODE, name: '申报企业' } });
      expect(check(x, task(), context())).toBe(`专家任职单位即申报企业（统一社会信用代码 ${APPLICANT_CODE}）`);
    });
    it('hits when both declared the same group, or one is the other’s group', () => {
      const x = expert({ employer: { creditCode: '91330100MA2CCCCC03', name: '集团子公司', groupKey: 'G1' } });
      expect(check(x, task({ applicant: { ...task().applicant, groupKey: 'G1' } }), context())).toContain(
        '同属一个集团（G1）',
      );
      const parent = expert({ employer: { creditCode: 'G2', name: '集团总部' } });
      expect(check(parent, task({ applicant: { ...task().applicant, groupKey: 'G2' } }), context())).toContain(
        '集团总部',
      );
      const child = expert({ employer: { creditCode: 'X', name: '子公司', groupKey: APPLICANT_CODE } });
      expect(check(child, task(), context())).toContain('同属一个集团');
    });
    it('does not hit different employers, an expert without employer, or when switched off', () => {
      expect(check(expert({ employer: null }), task(), context())).toBeNull();
      const x = expert({ employer: { creditCode: APPLICANT_CODE, name: '申报企业' } });
      expect(findConflicts(x, task(), context({ sameEmployer: { enabled: false } }))).toEqual([]);
    });
  });

  describe('declared_relationship', () => {
    const check = rule('declared_relationship').check;
    const rel = (kind: 'former_employer' | 'relative' | 'vendor', to: string | null, from: string | null = null) =>
      expert({ relationships: [{ creditCode: APPLICANT_CODE, kind, from, to }] });
    it('hits an ongoing relationship and one ended within the look-back', () => {
      expect(check(rel('vendor', null), task(), context())).toBe(
        '专家申报了与申报企业的供应商/数字化服务商关系（至今，回看 36 个月内）',
      );
      expect(check(rel('former_employer', '2023-06-01'), task(), context())).toContain('曾任职单位关系（至 2023-06-01');
    });
    it('ignores one ended before the look-back, one starting after the round, and other enterprises', () => {
      expect(check(rel('former_employer', '2023-05-31'), task(), context())).toBeNull();
      expect(check(rel('vendor', null, '2026-07-01'), task(), context())).toBeNull();
      const other = expert({ relationships: [{ creditCode: 'OTHER', kind: 'relative', from: null, to: null }] });
      expect(check(other, task(), context())).toBeNull();
    });
    it('a null look-back (relatives by default) never expires; the look-back is policy data', () => {
      expect(check(rel('relative', '2001-01-01'), task(), context())).toContain('不限回看期');
      const lookBack = { ...context().policy.declaredRelationship.lookBackMonths, former_employer: 120 };
      const policy = { declaredRelationship: { enabled: true, lookBackMonths: lookBack } };
      expect(check(rel('former_employer', '2017-01-01'), task(), context(policy))).toContain('回看 120 个月内');
    });
  });

  describe('applicant_vendor', () => {
    const check = rule('applicant_vendor').check;
    it('hits when the expert’s employer is a declared vendor of the applicant', () => {
      const t = task({ applicant: { ...task().applicant, vendorCreditCodes: ['91330200MA2BBBBB02'] } });
      expect(check(expert(), t, context())).toBe('专家任职单位“宁波某大学”是申报企业申报的供应商/数字化服务商');
      expect(check(expert({ employer: { creditCode: null, name: '宁波某大学' } }), t, context())).toBeNull();
    });
  });

  describe('local_avoidance', () => {
    const check = rule('local_avoidance').check;
    it('hits the same county by default, names it, and spares a neighbouring county', () => {
      expect(check(expert({ regionCode: '330106' }), task(), context())).toBe('专家与申报企业同在西湖区（本地回避）');
      expect(check(expert({ regionCode: '330108' }), task(), context())).toBeNull();
    });
    it('an expert registered only at city level is avoided for the city’s counties', () => {
      expect(check(expert({ regionCode: '330100' }), task(), context())).toContain('仅登记到杭州市');
      expect(check(expert({ regionCode: '330200' }), task(), context())).toBeNull();
    });
    it('scope city: any county of the same city', () => {
      const city = context({ localAvoidance: { enabled: true, scope: 'city' } });
      expect(check(expert({ regionCode: '330108' }), task(), city)).toBe(
        '专家与申报企业同在杭州市（本地回避，按设区市）',
      );
      expect(check(expert({ regionCode: '330203' }), task(), city)).toBeNull();
    });
    it('cityCodeOf falls back to the code prefix outside the data', () => {
      expect(cityCodeOf('330106')).toBe('330100');
      expect(cityCodeOf('110105')).toBe('110100');
    });
  });

  describe('rotation', () => {
    it('hits an enterprise reviewed in the previous round, unless switched off', () => {
      const x = expert({ previousRoundEnterpriseIds: ['e9', 'e1'] });
      expect(rule('rotation').check(x, task(), context())).toBe('专家上一轮已评审该企业（轮换回避）');
      expect(findConflicts(x, task(), context({ rotation: { enabled: false } }))).toEqual([]);
    });
  });

  describe('manual', () => {
    it('hits a conflict an official recorded for this expert and enterprise only', () => {
      const manual = manualConflictIndex([
        { expertId: 'x1', enterpriseId: 'e1', reason: '曾参与该企业项目验收' },
        { expertId: 'x1', enterpriseId: 'e2', reason: '其他' },
      ]);
      expect(rule('manual').check(expert(), task(), context({}, { manual }))).toBe(
        '人工登记的回避：曾参与该企业项目验收',
      );
      expect(rule('manual').check(expert({ id: 'x2' }), task(), context({}, { manual }))).toBeNull();
    });
  });

  it('findConflicts lists every rule that hits; firstConflict the first', () => {
    const x = expert({ regionCode: '330106', previousRoundEnterpriseIds: ['e1'] });
    expect(findConflicts(x, task(), context()).map((c) => c.rule)).toEqual(['local_avoidance', 'rotation']);
    expect(firstConflict(x, task(), context())?.rule).toBe('local_avoidance');
    expect(firstConflict(expert(), task(), context())).toBeNull();
  });

  it('monthsBefore counts calendar months and clamps to the month’s end', () => {
    expect(monthsBefore('2026-06-01', 36)).toBe('2023-06-01');
    expect(monthsBefore('2025-03-31', 1)).toBe('2025-02-28');
    expect(monthsBefore('2024-01-15', 13)).toBe('2022-12-15');
  });
});
