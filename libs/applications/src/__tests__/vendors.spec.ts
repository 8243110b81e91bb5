import { makeCreditCode } from '@ff/enterprises';
import { checkVendors } from '../vendors';

describe('declared vendors / 数字化服务商', () => {
  const own = makeCreditCode('91330106MA2AAAAA0');
  const a = makeCreditCode('91330106MA2BBBBB0');
  const b = makeCreditCode('91330106MA2CCCCC0');

  it('keeps valid vendors normalised and trimmed, in order', () => {
    const { vendors, errors } = checkVendors(
      [
        { creditCode: ` ${a.toLowerCase()} `, name: ' 甲数字科技有限公司 ', serviceDescription: ' MES 实施 ' },
        { creditCode: b, name: '乙软件有限公司' },
      ],
      own,
    );
    expect(errors).toEqual([]);
    expect(vendors).toEqual([
      { creditCode: a, name: '甲数字科技有限公司', serviceDescription: 'MES 实施' },
      { creditCode: b, name: '乙软件有限公司', serviceDescription: '' },
    ]);
  });

  it('names each field it refuses: check character, duplicate, the applicant itself, an empty name', () => {
    const wrong = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    const { errors } = checkVendors(
      [
        { creditCode: wrong, name: '甲数字科技有限公司' },
        { creditCode: b, name: '乙软件有限公司' },
        { creditCode: b, name: '乙软件有限公司' },
        { creditCode: own, name: '本企业' },
        { creditCode: a, name: ' ' },
      ],
      own,
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['vendors[0].creditCode', 'invalid_credit_code'],
      ['vendors[2].creditCode', 'duplicate_vendor'],
      ['vendors[3].creditCode', 'vendor_is_applicant'],
      ['vendors[4].name', 'vendor_name_required'],
    ]);
    expect(errors[0].message).toMatch(/^服务商“甲数字科技有限公司”：统一社会信用代码校验位错误/);
    expect(errors[1].message).toBe('与第 2 个服务商的统一社会信用代码重复');
  });
});
