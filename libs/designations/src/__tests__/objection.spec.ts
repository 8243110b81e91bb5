import { objectionProblems } from '../objection';

const valid = {
  objectorName: '张三',
  organisation: '杭州某某机械有限公司',
  contact: '0571-88886666',
  statement: '该企业申报材料中的智能产线于本年度尚未投产，与公示的建设水平不符，请予核查。',
};

describe('objection validation', () => {
  it('accepts a real-name objection with a phone or an e-mail', () => {
    expect(objectionProblems(valid)).toEqual([]);
    expect(objectionProblems({ ...valid, contact: 'zhang.san@example.cn' })).toEqual([]);
  });

  it('refuses anonymous objections, naming each missing identity field', () => {
    const problems = objectionProblems({ statement: valid.statement });
    expect(problems.map((p) => p.field)).toEqual(['objectorName', 'organisation', 'contact']);
    expect(problems.every((p) => p.anonymous)).toBe(true);
    for (const name of ['匿名', '某某', '***', 'Anonymous', '  '])
      expect(objectionProblems({ ...valid, objectorName: name }).map((p) => p.field)).toEqual(['objectorName']);
  });

  it('refuses a contact nobody can be reached at, and a statement without substance', () => {
    expect(objectionProblems({ ...valid, contact: '微信找我' }).map((p) => p.field)).toEqual(['contact']);
    const short = objectionProblems({ ...valid, statement: '不同意' });
    expect(short).toEqual([{ field: 'statement', message: expect.stringContaining('20至5000字') }]);
    expect(short[0].anonymous).toBeUndefined();
  });

  it('treats non-text values as missing', () => {
    expect(objectionProblems({ ...valid, objectorName: 42, statement: ['x'] }).map((p) => p.field)).toEqual([
      'objectorName',
      'statement',
    ]);
  });
});
