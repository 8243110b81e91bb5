import { defineErrors } from './error-table';

/** Input refused before any route sees it (see text-policy.ts and the api's input guard). */
export const InputErrors = defineErrors('input', {
  body_too_deep: { status: 400, message: (max: number) => `请求体嵌套层数超过 ${max} 层` },
  text_control_character: {
    status: 400,
    message: (field: string, cp: string) => `字段“${field}”含有不允许的控制字符（${cp}）`,
  },
  text_line_break: {
    status: 400,
    message: (field: string) => `字段“${field}”只允许单行文本，不能含有换行符或制表符`,
  },
  text_lone_surrogate: {
    status: 400,
    message: (field: string) => `字段“${field}”含有无效的字符编码（不成对的 UTF-16 代理项）`,
  },
  text_bidi_control: {
    status: 400,
    message: (field: string, cp: string) => `字段“${field}”含有不允许的文字方向控制字符（${cp}）`,
  },
  invalid_id: { status: 400, message: () => '编号格式不正确（应为 UUID）' },
  multipart_malformed: {
    status: 400,
    message: () => '上传内容不是有效的 multipart/form-data（缺少分隔符 boundary 或内容不完整）',
  },
});
