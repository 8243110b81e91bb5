import { defineErrors } from '@ff/core';

/** What the storage port refuses about a file's content (size and type limits live in the port). */
export const StorageErrors = defineErrors('storage', {
  office_structure_invalid: {
    status: 415,
    message: (reason: string) => `文件不是有效的 Office 文档：${reason}`,
  },
  archive_out_of_bounds: {
    status: 413,
    message: (reason: string) => `文档的压缩结构超出允许范围：${reason}`,
  },
  macro_not_allowed: {
    status: 415,
    message: () => '不接受含宏的 Office 文档（.docm、.xlsm、.pptm 或含 VBA 工程），请另存为不含宏的格式后上传',
  },
  file_required: { status: 400, message: (what: string) => what },
  too_many_files: { status: 413, message: () => '一次只能上传一个文件' },
  storage_full: { status: 507, message: () => '文件存储空间已满，文件未保存，请联系系统管理员' },
  storage_unavailable: { status: 503, message: () => '文件存储当前不可写入，文件未保存，请稍后重试或联系系统管理员' },
  evidence_quota_exceeded: {
    status: 409,
    message: (what: string) => `该申报的佐证材料已达上限：${what}`,
  },
});
