import { makeCreditCode } from '@ff/enterprises';
import { getRuleSet } from '@ff/rules';
import { cellAddress, readCell } from '../cell-value';
import { resolveCounty } from '../county-lookup';
import { normaliseClauseRef, resolveClauseRef } from '../import-columns';
import { ImportFailure, ImportParser } from '../import-parser';

const ruleSet = getRuleSet();
const CODE = '91330106MA2B2C3D4W';
const OTHER = makeCreditCode('91330106MA2B2C3D5');
const parser = (over: Partial<ConstructorParameters<typeof ImportParser>[0]> = {}) =>
  new ImportParser({
    ruleSet,
    tiersOffered: ['workshop', 'future_factory'],
    constructionTypes: new Map(ruleSet.constructionTypes.map((c) => [c.name, c.code])),
    jurisdictionCode: '330000',
    maxRows: 100,
    ...over,
  });
/** exceljs rows are 1-based: index 0 is empty. */
const row = (...cells: unknown[]) => [undefined, ...cells];
const ENT = row('统一社会信用代码*', '企业名称', '所在区县', '行业类型', '申报层级', '建设类型');
const SELF = row('条款编号', '统一社会信用代码', '自评结论');

describe('import parser', () => {
  it('reads a future factory and its clauses by stable id and printed form, columns in any order', () => {
    const p = parser();
    p.row('自评', 1, SELF);
    p.row('自评', 2, row('sd01.ff.a', CODE, '满足'));
    p.row('自评', 3, row(' １ｂ ', CODE, '部分满足'));
    p.row('自评', 4, row('3', CODE, '不满足'));
    p.row('企业信息', 1, ENT);
    p.row('企业信息', 2, row(CODE, '某某有限公司', '杭州市西湖区', '离散行业', '未来工厂', '协同共生链主型'));
    const r = p.finish();
    expect(r.errors).toEqual([]);
    expect(r.enterprises).toEqual([
      expect.objectContaining({
        creditCode: CODE,
        regionCode: '330106',
        tier: 'future_factory',
        constructionType: 'chain_leader',
      }),
    ]);
    expect(r.declarations.map((d) => [d.clauseId, d.status])).toEqual([
      ['sd01.ff.a', 'met'],
      ['sd01.ff.b', 'partial'],
      ['sd03.ff', 'not_met'],
    ]);
  });

  it('names each bad cell with a Chinese message', () => {
    const p = parser({ jurisdictionCode: '330106' });
    p.row('企业信息', 1, ENT);
    p.row('企业信息', 2, row(CODE, '某', '鄞州区', '制造业', '省级智能工厂', '协同共生链主型'));
    p.row('自评', 1, SELF);
    p.row('自评', 2, row('sd01.ff.a', CODE, '满足了'));
    p.row('自评', 3, row('99z', '91330106MA2B2C3D4X', '满足'));
    const r = p.finish();
    expect(r.errors.map((e) => [e.cell, e.code])).toEqual([
      ['企业信息!C2', 'outside_jurisdiction'],
      ['企业信息!D2', 'invalid_option'],
      ['企业信息!E2', 'tier_not_offered'],
      ['企业信息!B2', 'invalid'],
      ['自评!C2', 'invalid_option'],
      // The 企业信息 sheet came first, so each 自评 row is judged as it is read: errors in row order.
      ['自评!B2', 'enterprise_row_missing'],
      ['自评!B3', 'invalid_credit_code'],
    ]);
    expect(r.errors[4].message).toBe('自评结论“满足了”不在可选值中：满足、部分满足、不满足');
    expect(r.errors[2].message).toBe('申报层级“省级智能工厂”不在可选值中：省级数字化车间、未来工厂');
  });

  it('judges 自评 rows read before the 企业信息 sheet once that sheet is read, with the same results', () => {
    const feed = (p: ReturnType<typeof parser>, order: string[]) => {
      for (const sheet of order)
        if (sheet === '企业信息') {
          p.row('企业信息', 1, ENT);
          p.row('企业信息', 2, row(CODE, '某某有限公司', '330106', '离散', '省级数字化车间'));
        } else {
          p.row('自评', 1, SELF);
          p.row('自评', 2, row('sd01.ws.a', CODE, '满足'));
          p.row('自评', 3, row('1a', CODE, '满足'));
          p.row('自评', 4, row('sd01.ws.a', makeCreditCode('91330106MA2B2C3D5'), '满足'));
        }
      return p.finish();
    };
    const first = feed(parser(), ['企业信息', '自评']);
    const later = feed(parser(), ['自评', '企业信息']);
    expect(later).toEqual(first);
    expect(first.declarations).toHaveLength(1);
    expect(first.errors.map((e) => e.code)).toEqual(['duplicate_clause', 'enterprise_row_missing']);
  });

  it('refuses a construction type below the future-factory tier, and a clause above the tier', () => {
    const p = parser();
    p.row('企业信息', 1, ENT);
    p.row('企业信息', 2, row(CODE, '某某有限公司', '330106', '离散', '省级数字化车间', '协同共生链主型'));
    p.row('企业信息', 3, row(OTHER, '另一有限公司', '330106', '离散', '省级数字化车间', ''));
    p.row('自评', 1, SELF);
    p.row('自评', 2, row('sd01.ff.a', OTHER, '满足'));
    const r = p.finish();
    expect(r.errors.map((e) => [e.cell, e.code])).toEqual([
      ['企业信息!F2', 'construction_type_not_applicable'],
      ['自评!A2', 'clause_not_in_tier'],
    ]);
  });

  it('fails the import for a missing sheet, a renamed required header, a header twice, too many rows', () => {
    const missing = parser();
    missing.row('企业信息', 1, ENT);
    expect(() => missing.finish()).toThrow(
      new ImportFailure('缺少工作表“自评”（或该表没有表头行），请使用本批次的导入模板'),
    );
    expect(() => parser().row('自评', 1, row('条款编号', '统一社会信用代码', '结论'))).toThrow(/缺少必填列“自评结论”/);
    expect(() => parser().row('自评', 1, row('条款编号', '条款编号', '统一社会信用代码', '自评结论'))).toThrow(
      /出现了两次/,
    );
    const small = parser({ maxRows: 1 });
    small.row('自评', 1, SELF);
    small.row('自评', 2, row('sd01.ff.a', CODE, '满足'));
    expect(() => small.row('自评', 3, row('sd01.ff.b', CODE, '满足'))).toThrow(/超过上限 1 行/);
  });

  it('ignores blank rows and clause rows left without an answer; unknown headers are warnings', () => {
    const p = parser();
    p.row('企业信息', 1, [...ENT, '__proto__']);
    p.row('企业信息', 2, row(CODE, '某某有限公司', '西湖区', '离散行业', '未来工厂'));
    p.row('自评', 1, SELF);
    p.row('自评', 2, row('sd01.ff.a', CODE, ''));
    p.row('自评', 3, row('', '', ''));
    const r = p.finish();
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['unknown_column', 'no_declarations']);
    expect(r.rows).toBe(2);
  });
});

describe('cells, counties and clause references', () => {
  it('reads every kind of cell value the streaming reader gives', () => {
    expect(readCell({ richText: [{ text: '满' }, { text: '足' }] })).toEqual({ ok: true, text: '满足' });
    expect(readCell({ text: '链接文字', hyperlink: 'https://x' })).toEqual({ ok: true, text: '链接文字' });
    expect(readCell({ formula: 'A1', result: 12 })).toEqual({ ok: true, text: '12', formula: true });
    expect(readCell({ formula: 'A1' })).toMatchObject({ ok: false });
    expect(readCell({ error: '#N/A' })).toEqual({ ok: false, message: '单元格为错误值 #N/A' });
    expect(readCell(913301061234567)).toEqual({ ok: true, text: '913301061234567' });
    expect(readCell("'=1+1")).toEqual({ ok: true, text: '=1+1' });
    expect(readCell(true)).toEqual({ ok: true, text: 'TRUE' });
    expect(readCell('x'.repeat(32768))).toMatchObject({ ok: false });
    expect([cellAddress(1, 1), cellAddress(26, 2), cellAddress(27, 3), cellAddress(703, 4)]).toEqual([
      'A1',
      'Z2',
      'AA3',
      'AAA4',
    ]);
  });

  it('finds a Zhejiang county by code or name, full-width and spaces normalised', () => {
    expect(resolveCounty('３３０１０６')).toEqual({ ok: true, code: '330106' });
    expect(resolveCounty('杭州市　西湖区')).toEqual({ ok: true, code: '330106' });
    expect(resolveCounty('浙江省杭州市西湖区')).toEqual({ ok: true, code: '330106' });
    expect(resolveCounty('330100')).toMatchObject({ ok: false, message: expect.stringContaining('区县级') });
    expect(resolveCounty('朝阳区')).toMatchObject({ ok: false });
    expect(resolveCounty('110105')).toMatchObject({ ok: false, message: expect.stringContaining('不在浙江省范围内') });
  });

  it('resolves clause references in the application’s tier and industry mode', () => {
    expect(normaliseClauseRef(' 15 C1） ')).toBe('15c1');
    expect(resolveClauseRef(ruleSet, 'future_factory', 'discrete', '1a')).toBe('sd01.ff.a');
    expect(resolveClauseRef(ruleSet, 'workshop', 'discrete', '1a')).toBe('sd01.ws.a');
    expect(resolveClauseRef(ruleSet, 'workshop', 'discrete', 'sd01.ff.a')).toBe('sd01.ff.a');
    expect(resolveClauseRef(ruleSet, 'workshop', 'discrete', '99z')).toBeNull();
  });
});
