import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { DEFAULT_DESIGNATION_POLICY, DesignationPolicy } from './designation-policy';
import { DesignationPolicyDto, DesignationPolicyView } from './dto/designations.dto';

/**
 * Each batch's designation policy (公示 working days, validity, ban years by revocation reason, the
 * re-review window); defaults when unset.
 */
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
      reReviewWindowMonths: row.re_review_window_months,
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
      // Left out, the re-review window keeps its stored (or default) value.
      const reReviewWindowMonths = dto.reReviewWindowMonths ?? before.reReviewWindowMonths;
      await em.query(
        `INSERT INTO designation_policies (batch_id, publicity_working_days, validity_years, ban_years, updated_by,
           re_review_window_months)
         VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (batch_id) DO UPDATE SET publicity_working_days = $2, validity_years = $3, ban_years = $4,
           updated_by = $5, re_review_window_months = $6, updated_at = now(),
           version = designation_policies.version + 1`,
        [
          batchId,
          dto.publicityWorkingDays,
          dto.validityYears,
          JSON.stringify(banYears),
          actor.userId,
          reReviewWindowMonths,
        ],
      );
      await this.audit.record(em, actor, meta, {
        action: 'designation_policy.set',
        entityType: 'batch',
        entityId: batchId,
        before,
        after: { ...dto, banYears, reReviewWindowMonths },
      });
    });
    return this.view(batchId);
  }
}
