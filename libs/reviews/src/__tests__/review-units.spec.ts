import { DEFAULT_SCORING_POLICY, getRuleSet } from '@ff/rules';
import { highestTier } from '../aggregation.service';
import { parseExpertRows } from '../expert-import';
import { sheetGaps } from '../sheets.service';

describe('score sheet completeness', () => {
  const sub = getRuleSet().subdomains.find((s) => s.requirements.workshop)!;
  const clauses = sub.requirements.workshop!;

  it('names every unscored clause and every score below the top without a comment', () => {
    const gaps = sheetGaps(clauses, { [clauses[0].id]: { score: 0.5, comment: null } }, DEFAULT_SCORING_POLICY, sub.no);
    expect(gaps[0]).toMatchObject({ code: 'comment_required', field: `sheets[${sub.no}].${clauses[0].id}.comment` });
    expect(gaps.filter((g) => g.code === 'score_missing')).toHaveLength(clauses.length - 1);
  });

  it('is complete when every clause has a score and the lower ones a comment', () => {
    const scores = Object.fromEntries(
      clauses.map((c, i) => [c.id, i ? { score: 1, comment: null } : { score: 0, comment: '缺少记录' }]),
    );
    expect(sheetGaps(clauses, scores, DEFAULT_SCORING_POLICY, sub.no)).toEqual([]);
  });
});

describe('the highest tier the scores support', () => {
  const result = (total: number, redLines = 0) => ({ total, redLines: Array(redLines).fill({}) }) as never;
  it('is the applied tier or a lower one whose pass mark the total reaches, none with a red line', () => {
    expect(highestTier(result(0.85), 'future_factory', DEFAULT_SCORING_POLICY)).toBe('future_factory');
    expect(highestTier(result(0.75), 'future_factory', DEFAULT_SCORING_POLICY)).toBe('smart_factory');
    expect(highestTier(result(0.75), 'workshop', DEFAULT_SCORING_POLICY)).toBe('workshop');
    expect(highestTier(result(0.5), 'smart_factory', DEFAULT_SCORING_POLICY)).toBeNull();
    expect(highestTier(result(0.95, 1), 'workshop', DEFAULT_SCORING_POLICY)).toBeNull();
  });
});

describe('the expert spreadsheet parser', () => {
  const header = ['用户名', '姓名', '职称', '工作单位', '工作地行政区划代码', '主要能力域'];
  it('reads a row into the profile, domains by name or code', () => {
    const { records, errors } = parseExpertRows(
      [header, ['zhang3', '张三', '教授', '某大学', '330100', '技术支撑、data_platform']],
      () => [],
    );
    expect(errors).toEqual([]);
    expect(records[0].dto.expertise).toEqual([
      { domain: 'technology_support', level: 'primary' },
      { domain: 'data_platform', level: 'primary' },
    ]);
  });

  it('reports a missing required column, and blank required cells by row and header', () => {
    expect(parseExpertRows([header.slice(1)], () => []).errors[0].message).toBe('缺少必填列“用户名”');
    const { errors } = parseExpertRows([header, ['li4', '', '教授', '某大学', '330100', '技术支撑']], () => []);
    expect(errors.map((e) => e.message)).toEqual(['第2行“姓名”不能为空']);
  });
});
