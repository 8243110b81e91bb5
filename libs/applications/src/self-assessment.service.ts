import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ErrorDetail, RequestMeta, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService, isAcceptingSubmissions } from '@ff/batches';
import {
  CLAUSE_STATUS_NAMES,
  IndustryMode,
  OBLIGATION_NAMES,
  TierCode,
  clausesFor,
  describeClause,
  getRuleSet,
} from '@ff/rules';
import { isEditableNow } from './application-actions';
import { APPLICATION_STATUS_NAMES } from './application.state-machine';
import { ApplicationAccess } from './application-access.service';
import { clauseErrors } from './clause-check';
import { DeclarationDto, SaveClauseDto, SaveSelfAssessmentDto } from './dto/application.dto';
import { ClauseSaveResultView, DeclarationView, ProgressView, SelfAssessmentView } from './dto/self-assessment.view';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { evidenceErrors } from './evidence-check';

const declarationView = (d: Declaration): DeclarationView => ({
  status: d.status,
  statusName: CLAUSE_STATUS_NAMES[d.status],
  narrative: d.narrative,
  evidenceIds: d.evidenceIds,
  updatedAt: d.updatedAt,
});

/** The draft self-assessment: one declaration per applicable clause, edited until submission. */
@Injectable()
export class SelfAssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
    private readonly access: ApplicationAccess,
  ) {}

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<SelfAssessmentView> {
    const { app } = await this.access.visible(actor, meta, id);
    return this.view(this.dataSource.manager, app, actor);
  }

  /** Replaces the whole draft in one request: every clause id and evidence id checked first, nothing written on error. */
  async saveAll(actor: Actor, meta: RequestMeta, id: string, dto: SaveSelfAssessmentDto): Promise<SelfAssessmentView> {
    const { app: loaded } = await this.access.owned(actor, meta, id);
    const ruleSetVersion = await this.ruleSetVersionOf(loaded);
    const details: ErrorDetail[] = [];
    const seen = new Map<string, number>();
    dto.declarations.forEach((d, i) => {
      const first = seen.get(d.clauseId);
      if (first !== undefined) {
        details.push({
          field: `declarations[${i}].clauseId`,
          code: 'duplicate_clause',
          message: `条款“${d.clauseId}”重复填写（与 declarations[${first}] 相同）`,
        });
      } else seen.set(d.clauseId, i);
    });
    details.push(
      ...clauseErrors(
        dto.declarations.map((d, i) => ({ field: `declarations[${i}].clauseId`, clauseId: d.clauseId })),
        { ruleSetVersion, tier: loaded.tier, industryMode: loaded.industryMode },
      ),
      ...(await evidenceErrors(
        this.dataSource.manager,
        id,
        dto.declarations.map((d, i) => ({ field: `declarations[${i}].evidenceIds`, ids: d.evidenceIds ?? [] })),
      )),
    );
    if (details.length) throw validationFailed(details);

    return this.dataSource.transaction(async (em) => {
      const app = await this.access.lockEditable(em, id);
      // A concurrent PATCH may have changed the tier since the checks above; check again under the lock.
      if (app.tier !== loaded.tier) throw this.tierChanged();
      await em.delete(Declaration, { applicationId: id });
      if (dto.declarations.length)
        await em.insert(
          Declaration,
          dto.declarations.map((d) => row(id, d.clauseId, d)),
        );
      await em.update(Application, { id }, { version: app.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'application.self_assessment_saved',
        entityType: 'application',
        entityId: id,
        after: {
          status: app.status,
          mode: 'replace_all',
          clauses: dto.declarations.length,
          ...countByStatus(dto.declarations),
        },
      });
      return this.view(em, { ...app, version: app.version + 1 }, actor);
    });
  }

  /**
   * Merges one clause: fields given replace the stored ones, fields left out are kept (a status
   * change never erases the narrative or the evidence). A new clause needs a status.
   */
  async saveOne(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    clauseId: string,
    dto: SaveClauseDto,
  ): Promise<ClauseSaveResultView> {
    const { app: loaded } = await this.access.owned(actor, meta, id);
    const ruleSetVersion = await this.ruleSetVersionOf(loaded);
    const details = [
      ...clauseErrors([{ field: 'clauseId', clauseId }], {
        ruleSetVersion,
        tier: loaded.tier,
        industryMode: loaded.industryMode,
      }),
      ...(await evidenceErrors(this.dataSource.manager, id, [{ field: 'evidenceIds', ids: dto.evidenceIds ?? [] }])),
    ];
    if (details.length) throw validationFailed(details);
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.lockEditable(em, id);
      if (app.tier !== loaded.tier) throw this.tierChanged();
      const existing = await em.findOneBy(Declaration, { applicationId: id, clauseId });
      const status = dto.status ?? existing?.status;
      if (!status) {
        throw validationFailed([{ field: 'status', code: 'required', message: '首次保存该条款时“自评结论”为必填项' }]);
      }
      const merged = row(id, clauseId, {
        status,
        narrative: dto.narrative ?? existing?.narrative,
        evidenceIds: dto.evidenceIds ?? existing?.evidenceIds,
      });
      await em.upsert(Declaration, merged, ['applicationId', 'clauseId']);
      await em.update(Application, { id }, { version: app.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'application.self_assessment_saved',
        entityType: 'application',
        entityId: id,
        before: existing ? { clauseId, declared: existing.status } : null,
        after: { status: app.status, mode: 'one_clause', clauseId, declared: status, fields: Object.keys(dto) },
      });
      const saved = await em.findOneByOrFail(Declaration, { applicationId: id, clauseId });
      const { progress } = await this.view(em, app, actor);
      return { applicationId: id, version: app.version + 1, clauseId, declaration: declarationView(saved), progress };
    });
  }

  private async ruleSetVersionOf(app: Application): Promise<string> {
    return (await this.batches.getOrFail(app.batchId)).ruleSetVersion;
  }

  private tierChanged() {
    return validationFailed([
      { field: 'declarations', code: 'tier_changed', message: '申报层级刚被修改，请刷新自评表后重新保存' },
    ]);
  }

  private async view(em: EntityManager, app: Application, actor: Actor): Promise<SelfAssessmentView> {
    const batch = await this.batches.getOrFail(app.batchId, em);
    const rows = await em.find(Declaration, { where: { applicationId: app.id } });
    const byClause = new Map(rows.map((r) => [r.clauseId, r]));
    const clauses = clausesFor(
      getRuleSet(batch.ruleSetVersion),
      app.tier as TierCode,
      app.industryMode as IndustryMode,
    ).map(({ clause, subdomain }) => {
      const d = byClause.get(clause.id);
      return {
        clauseId: clause.id,
        subdomainNo: subdomain.no,
        subdomainName: subdomain.name,
        label: clause.label,
        obligation: clause.obligation,
        obligationName: OBLIGATION_NAMES[clause.obligation],
        title: describeClause(subdomain, clause),
        text: clause.text,
        declaration: d ? declarationView(d) : null,
      };
    });
    const inForm = new Set(clauses.map((c) => c.clauseId));
    const supportingDeclarations = rows
      .filter((r) => !inForm.has(r.clauseId))
      .sort((a, b) => a.clauseId.localeCompare(b.clauseId))
      .map((d) => ({ clauseId: d.clauseId, ...declarationView(d) }));
    const mandatory = clauses.filter((c) => c.obligation === 'mandatory');
    const progress: ProgressView = {
      total: clauses.length,
      declared: clauses.filter((c) => c.declaration).length,
      mandatory: mandatory.length,
      mandatoryDeclared: mandatory.filter((c) => c.declaration).length,
    };
    return {
      applicationId: app.id,
      ruleSetVersion: batch.ruleSetVersion,
      tier: app.tier,
      industryMode: app.industryMode,
      status: app.status,
      statusName: APPLICATION_STATUS_NAMES[app.status],
      editable: actor.role === 'enterprise' && isEditableNow(app.status, isAcceptingSubmissions(batch)),
      clauses,
      supportingDeclarations,
      progress,
    };
  }
}

function row(
  applicationId: string,
  clauseId: string,
  d: { status: Declaration['status']; narrative?: string; evidenceIds?: string[] },
) {
  return {
    applicationId,
    clauseId,
    status: d.status,
    narrative: (d.narrative ?? '').trim(),
    evidenceIds: [...new Set(d.evidenceIds ?? [])],
    updatedAt: new Date(),
  };
}

function countByStatus(ds: DeclarationDto[]) {
  const out = { met: 0, partial: 0, not_met: 0 };
  for (const d of ds) out[d.status]++;
  return out;
}
