import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Actor, RequestMeta } from '@ff/core';
import { BatchesService } from '@ff/batches';
import { type DesignationRecord, DesignationReads } from '@ff/designations';
import { cityAndCountyNames } from '@ff/regions';
import { type RegistryExportRow, writeRegistryWorkbook } from './export/registry-workbook';

export function registryRow(d: DesignationRecord): RegistryExportRow {
  return {
    certificateNumber: d.certificateNumber,
    enterpriseName: d.enterpriseName,
    creditCode: d.creditCode,
    ...cityAndCountyNames(d.regionCode),
    tierName: d.tierName,
    constructionTypeName: d.constructionTypeName,
    statusName: d.statusName,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    issuedOn: d.issuedOn,
    revocationReasonName: d.revocationReasonName,
  };
}

/**
 * The designation registry workbook for officials: every designation (revoked ones included, with
 * their reason), or those of one batch, with the current status. Officials read every designation
 * already (`GET /designations`), so the export holds nothing more than they may see.
 */
@Injectable()
export class RegistryExportService {
  constructor(
    private readonly reads: DesignationReads,
    private readonly batches: BatchesService,
  ) {}

  /** Checks the batch when one is named (unknown: audited 404), then returns the file name and the writer. */
  async prepare(actor: Actor, meta: RequestMeta, batchId?: string) {
    const batch = batchId ? await this.batches.getVisible(actor, meta, batchId) : null;
    const rows = (await this.reads.designations({ batchId: batch?.id ?? null })).map(registryRow);
    return {
      fileName: batch ? `认定名录-${batch.code}.xlsx` : '认定名录.xlsx',
      write: (out: Writable) =>
        writeRegistryWorkbook(rows, out, { title: batch ? `${batch.code} 认定名录` : '认定名录' }),
    };
  }
}
