import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from '@ff/core';

/** Chinese wording of class-validator's constraints; `{f}` is the field path, `{n}` a bound. */
const TEMPLATES: Record<string, string> = {
  whitelistValidation: '不允许提交字段“{f}”',
  isDefined: '字段“{f}”为必填项',
  isNotEmpty: '字段“{f}”不能为空',
  isString: '字段“{f}”必须是文本',
  isBoolean: '字段“{f}”必须是布尔值',
  isInt: '字段“{f}”必须是整数',
  isNumber: '字段“{f}”必须是数字',
  isArray: '字段“{f}”必须是数组',
  isObject: '字段“{f}”必须是对象',
  isUuid: '字段“{f}”必须是有效的编号（UUID）',
  isUUID: '字段“{f}”必须是有效的编号（UUID）',
  isEnum: '字段“{f}”的取值不在允许范围内',
  isIn: '字段“{f}”的取值不在允许范围内',
  isDateString: '字段“{f}”必须是 ISO 8601 格式的日期时间',
  isISO8601: '字段“{f}”必须是 ISO 8601 格式的日期时间',
  isEmail: '字段“{f}”必须是有效的电子邮箱',
  min: '字段“{f}”不能小于 {n}',
  max: '字段“{f}”不能大于 {n}',
  minLength: '字段“{f}”长度不能少于 {n} 个字符',
  maxLength: '字段“{f}”长度不能超过 {n} 个字符',
  isLength: '字段“{f}”长度应为 {n} 至 {m} 个字符',
  arrayMinSize: '字段“{f}”至少需要 {n} 项',
  arrayMaxSize: '字段“{f}”最多允许 {n} 项',
  arrayUnique: '字段“{f}”不能有重复项',
  matches: '字段“{f}”格式不正确',
  nestedValidation: '字段“{f}”必须是对象或对象数组',
};

const CJK = /[\u4e00-\u9fff]/;

function fill(template: string, field: string, english: string): string {
  const [n = '', m = ''] = english.match(/-?\d+(\.\d+)?/g) ?? [];
  return template.replace('{f}', field).replace('{n}', n).replace('{m}', m);
}

/** Flattens nested errors into field paths like `declarations[3].status`. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    for (const [code, english] of Object.entries(e.constraints ?? {})) {
      const template = TEMPLATES[code];
      // Our own validators carry a Chinese message; anything else gets a generic one, never English.
      const message = template
        ? fill(template, field, english)
        : CJK.test(english)
          ? english
          : `字段“${field}”不符合要求`;
      out.push({ field, code, message });
    }
    if (e.children?.length) out.push(...toErrorDetails(e.children, field));
  }
  return out;
}
