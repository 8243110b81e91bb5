import { validateCreditCode } from '@ff/enterprises';
import type { ErrorDetail } from '@ff/core';

/**
 * The vendors / 数字化服务商 an applicant declares on its application: who built or serves its
 * digitalisation. An expert employed by one of them is in conflict (服务商回避) when the panel is
 * assigned, so each is identified by its 统一社会信用代码.
 */
export interface DeclaredVendor {
  creditCode: string;
  name: string;
  serviceDescription: string;
}

export const MAX_VENDORS = 30;
export const VENDOR_NAME_MAX = 100;
export const VENDOR_DESCRIPTION_MAX = 300;

/**
 * The declared list as it will be stored (codes normalised by the enterprises' validator, text
 * trimmed) and the problems that refuse it, each naming its field: a code whose check character is
 * wrong, a vendor listed twice, the applicant itself.
 */
export function checkVendors(
  input: { creditCode: string; name: string; serviceDescription?: string }[],
  applicantCreditCode: string,
): { vendors: DeclaredVendor[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const vendors: DeclaredVendor[] = [];
  const seen = new Map<string, number>();
  input.forEach((v, i) => {
    const field = `vendors[${i}].creditCode`;
    const name = v.name.trim();
    if (!name) errors.push({ field: `vendors[${i}].name`, code: 'vendor_name_required', message: '请填写服务商名称' });
    const checked = validateCreditCode(v.creditCode);
    if (!checked.ok) {
      errors.push({ field, code: 'invalid_credit_code', message: `服务商“${name}”：${checked.message}` });
      return;
    }
    const first = seen.get(checked.code);
    if (first !== undefined) {
      errors.push({ field, code: 'duplicate_vendor', message: `与第 ${first + 1} 个服务商的统一社会信用代码重复` });
      return;
    }
    if (checked.code === applicantCreditCode) {
      errors.push({ field, code: 'vendor_is_applicant', message: '不能将申报企业本身申报为服务商' });
      return;
    }
    seen.set(checked.code, i);
    vendors.push({ creditCode: checked.code, name, serviceDescription: (v.serviceDescription ?? '').trim() });
  });
  return { vendors, errors };
}
