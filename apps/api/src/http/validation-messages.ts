import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { ErrorDetail } from '@ff/core';
import { FIELD_FORMATS, FIELD_LABELS } from './field-labels';

/** Where the invalid input came from: a message names a body field differently from a query parameter. */
export type InputLocation = 'body' | 'query' | 'param' | 'custom';

/**
 * Chinese wording of class-validator's constraints. `{f}` is the field's label, `{n}`/`{m}` its
 * bounds read from the validator's own metadata (never from its English message), `{v}` the allowed values.
 */
const TEMPLATES: Record<string, string> = {
  isNotEmpty: '{f}不能为空',
  isString: '{f}必须是文本',
  isBoolean: '{f}必须是 true 或 false',
  isInt: '{f}必须是整数',
  isNumber: '{f}必须是数字',
  isArray: '{f}必须是数组',
  isObject: '{f}必须是对象',
  isUuid: '{f}必须是有效的编号（UUID）',
  isUUID: '{f}必须是有效的编号（UUID）',
  isEnum: '{f}的取值应为以下之一：{v}',
  isIn: '{f}的取值应为以下之一：{v}',
  isDateString: '{f}必须是 ISO 8601 格式的日期时间，如 2026-03-01T09:00:00+08:00',
  isISO8601: '{f}必须是 ISO 8601 格式的日期时间，如 2026-03-01T09:00:00+08:00',
  isEmail: '{f}必须是有效的电子邮箱',
  min: '{f}不能小于 {n}',
  max: '{f}不能大于 {n}',
  minLength: '{f}长度不能少于 {n} 个字符',
  maxLength: '{f}长度不能超过 {n} 个字符',
  isLength: '{f}长度应为 {n} 至 {m} 个字符',
  arrayMinSize: '{f}至少需要 {n} 项',
  arrayMaxSize: '{f}最多允许 {n} 项',
  arrayUnique: '{f}不能有重复项',
  matches: '{f}格式不正确',
  nestedValidation: '{f}必须是对象或对象数组',
};

const CJK = /[\u4e00-\u9fff]/;
/** When a value has the wrong type, its other checks say nothing useful: report only the type. */
const TYPE_CHECKS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/** `declarations[3].status` → “状态”（declarations[3].status）; a top-level field is named by its label alone. */
export function fieldName(path: string, property: string): string {
  const label = FIELD_LABELS[property];
  if (!label) return `“${path}”`;
  return path === property ? `“${label}”` : `“${label}”（${path}）`;
}

/** The constraint arguments a decorator was declared with (`@Length(1, 100)` → [1, 100]). */
function constraintsOf(target: object | undefined, property: string, name: string): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return meta?.constraints ?? [];
}

function message(code: string, english: string, e: ValidationError, field: string, location: InputLocation) {
  if (code === 'whitelistValidation') {
    return location === 'query' ? `不支持查询参数“${field}”` : `不允许提交字段“${field}”`;
  }
  const name = fieldName(field, e.property);
  const template = TEMPLATES[code];
  if (!template) return CJK.test(english) ? english : `${name}不符合要求`;
  const args = constraintsOf(e.target, e.property, code);
  const [n = '', m = ''] = args.map((a) => (a === undefined ? '' : String(a)));
  const allowed = Array.isArray(args[0]) ? (args[0] as unknown[]).map(String).join('、') : '';
  let text = template.replace('{f}', name).replace('{n}', n).replace('{m}', m).replace('{v}', allowed);
  if (code === 'isLength' && !m) text = `${name}长度不能少于 ${n} 个字符`;
  if (code === 'matches' && FIELD_FORMATS[e.property]) text += `，应为${FIELD_FORMATS[e.property]}`;
  return text;
}

/**
 * Flattens nested errors into field paths like `declarations[3].status`, one detail per broken
 * constraint; a field that is simply missing gets one “为必填项” instead of every check it fails.
 */
export function toErrorDetails(
  errors: ValidationError[],
  location: InputLocation = 'body',
  parent = '',
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    const all = Object.entries(e.constraints ?? {});
    const typeErrors = all.filter(([c]) => TYPE_CHECKS.has(c));
    const constraints = typeErrors.length ? typeErrors : all;
    const missing =
      e.value === undefined && constraints.length > 0 && !constraints.some(([c]) => c === 'whitelistValidation');
    if (missing) {
      out.push({ field, code: 'required', message: `${fieldName(field, e.property)}为必填项` });
    } else {
      for (const [code, english] of constraints) {
        out.push({ field, code, message: message(code, english, e, field, location) });
      }
    }
    if (e.children?.length) out.push(...toErrorDetails(e.children, location, field));
  }
  return out;
}
