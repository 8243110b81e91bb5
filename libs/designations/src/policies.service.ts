import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { DEFAULT_DESIGNATION_POLICY, DesignationPolicy } from './designation-policy';
import { DesignationPolicyDto, DesignationPolicyView } from './dto/designations.dto';

/** Each batch's designation policy (公示 working days, validity, ban years by revocation reason); defaults when unset. */
@Injectable()
export class PoliciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
  ) {}

  async of(
    batchId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DesignationPolicy & { isDefault: boolean }> {
    const [row] = await em.query(`SELECT * FROM designation_policies WHERE batch_id = $1`, [batchId]);
    if (!row) return { ...DEFAULT_DESIGNATION_POLICY, isDefault: true };
    return {
      publicityWorkingDays: row.publicity_working_days,
      validityYears: row.validity_years,
      banYears: { ...DEFAULT_DESIGNATION_POLICY.banYears, ...row.ban_years },
      isDefault: false,
    };
  }

  async view(batchId: string): Promise<DesignationPolicyView> {
    await this.batches.getOrFail(batchId);
    return { batchId, ...(await this.of(batchId)) };
  }

  async set(
    actor: Actor,
    meta: RequestMeta,
    batchId: string,
    dto: DesignationPolicyDto,
  ): Promise<DesignationPolicyView> {
    await this.batches.getOrFail(batchId);
    await this.dataSource.transaction(async (em) => {
      const before = await this.of(batchId, em);
      const banYears = { ...dto.banYears };
      await em.query(
        `INSERT INTO designation_policies (batch_id, publicity_working_days, validity_years, ban_years, updated_by)
         VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (batch_id) DO UPDATE SET publicity_working_days = $2, validity_years = $3, ban_years = $4,
           updated_by = $5, updated_at = now(), version = designation_policies.version + 1`,
        [batchId, dto.publicityWorkingDays, dto.validityYears, JSON.stringify(banYears), actor.userId],
      );
      await this.audit.record(em, actor, meta, {
        action: 'designation_policy.set',
        entityType: 'batch',
        entityId: batchId,
        before,
        after: { ...dto, banYears },
      });
    });
    return this.view(batchId);
  }
}
