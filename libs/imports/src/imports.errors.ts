import { defineErrors } from '@ff/core';

/** Every error the imports context raises. */
export const ImportErrors = defineErrors('imports', {
  import_no_jurisdiction: { status: 403, message: () => '当前账号没有管辖区域，不能导入申报' },
  import_file_not_xlsx: {
    status: 415,
    message: (what: string) => `导入文件须为 Excel 工作簿（.xlsx）：${what}`,
  },
  import_not_ready: {
    status: 409,
    message: (status: string) => `导入当前状态为“${status}”，只有校验完成且没有错误的导入可以提交`,
  },
  import_has_errors: {
    status: 409,
    message: (n: number) => `导入校验发现 ${n} 处错误，请按报告修改后重新上传`,
  },
  import_not_cancellable: {
    status: 409,
    message: (status: string) => `导入当前状态为“${status}”，不能取消`,
  },
  import_changed: {
    status: 409,
    message: (n: number) => `校验之后数据已发生变化，重新校验发现 ${n} 处错误，未导入任何数据，请查看报告`,
  },
  import_already_committed: {
    status: 409,
    message: () => '同一工作簿与佐证材料压缩包已导入本批次（由其他单位提交），本次不再导入',
  },
  import_evidence_not_accepted: {
    status: 409,
    message: (status: string) => `导入当前状态为“${status}”，只有校验完成的导入可以上传佐证材料压缩包`,
  },
  import_evidence_not_zip: {
    status: 415,
    message: (what: string) => `佐证材料须打包为 .zip 压缩包上传：${what}`,
  },
  import_batch_closed: {
    status: 409,
    message: (code: string) => `批次“${code}”当前不接受申报，不能导入`,
  },
});
