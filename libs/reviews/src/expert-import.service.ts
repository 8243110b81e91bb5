import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { Actor, AppError, RequestMeta, payloadTooLarge, unsupportedMedia } from '@ff/core';
import { ExpertImportView } from './dto/expert.view';
import { EXPERT_COLUMNS, parseExpertRows } from './expert-import';
import { ExpertsService } from './experts.service';
import { ReviewErrors } from './reviews.errors';
import { StorageErrors } from '@ff/storage';

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 2000;

/** Bulk add from the expert spreadsheet: every row checked, then all rows committed together or none. */
@Injectable()
export class ExpertImportService {
  constructor(private readonly experts: ExpertsService) {}

  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专家名单');
    ws.columns = EXPERT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 20, style: { numFmt: '@' } }));
    EXPERT_COLUMNS.forEach((c, i) => {
      if (c.note) ws.getCell(1, i + 1).note = c.note;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async import(actor: Actor, meta: RequestMeta, req: FastifyRequest): Promise<ExpertImportView> {
    const buffer = await this.readUpload(req);
    const rows = await this.readRows(buffer);
    if (rows.length <= 1) throw ReviewErrors.raise('expert_import_empty');
    const parsed = parseExpertRows(rows, (dto) => this.experts.profileErrors(dto).errors);
    if (parsed.errors.length)
      throw ReviewErrors.withDetails('expert_import_invalid', parsed.errors, parsed.errors.length);
    try {
      const experts = await this.experts.createMany(
        actor,
        meta,
        parsed.records.map((r) => r.dto),
      );
      return { imported: experts.length, experts };
    } catch (e) {
      // A username taken by an existing account: name the row, nothing was written.
      if (e instanceof AppError && e.code === 'username_taken') {
        const row = parsed.records.find((r) => e.message.includes(`“${r.dto.username}”`))?.row;
        throw ReviewErrors.withDetails(
          'expert_import_invalid',
          [{ field: `第${row}行“用户名”`, code: e.code, message: `第${row}行：${e.message}` }],
          1,
        );
      }
      throw e;
    }
  }

  private async readUpload(req: FastifyRequest): Promise<Buffer> {
    if (!req.isMultipart()) throw unsupportedMedia('上传专家名单请使用 multipart/form-data，文件放在字段 file 中');
    const part = await req.file({ limits: { fileSize: MAX_BYTES } });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw StorageErrors.field('file_required', 'file', '请在表单字段 file 中上传专家名单');
    }
    const buffer = await part.toBuffer().catch((e: { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw payloadTooLarge('专家名单文件超过 5 MB');
      throw e;
    });
    return buffer;
  }

  private async readRows(buffer: Buffer): Promise<string[][]> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buffer as never);
    } catch {
      throw ReviewErrors.raise('expert_import_unreadable');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw ReviewErrors.raise('expert_import_unreadable');
    if (ws.rowCount > MAX_ROWS + 1) throw ReviewErrors.raise('expert_import_too_many_rows', MAX_ROWS);
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let i = 1; i <= EXPERT_COLUMNS.length + 5; i++) cells.push(row.getCell(i).text ?? '');
      rows[n - 1] = cells;
    });
    return Array.from(rows, (r) => r ?? []);
  }
}
