import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, ErrorDetail, RequestMeta, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { IndustryMode, TierCode, clausesFor, describeClause, getRuleSet } from '@ff/rules';
import { APPLICATION_STATUS_NAMES, isEditable } from './application.state-machine';
import { ApplicationAccess } from './application-access.service';
import { clauseErrors } from './clause-check';
import { DeclarationBody, DeclarationDto, SaveSelfAssessmentDto } from './dto/application.dto';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { EvidenceFile } from './entities/evidence-file.entity';

export interface SelfAssessmentView {
  applicationId: string;
  ruleSetVersion: string;
  tier: string;
  industryMode: string;
  status: string;
  statusName: string;
  editable: boolean;
  /** Applicable clauses in catalog order, each with the draft declaration (null = not yet filled). */
  clauses: {
    clauseId: string;
    subdomainNo: number;
    subdomainName: string;
    label: string;
    obligation: string;
    title: string;
    text: string;
    declaration: { status: string; narrative: string; evidenceIds: string[]; updatedAt: Date } | null;
  }[];
  /** Declarations of lower-tier clauses (they support a lower designation); not part of the form above. */
  supportingDeclarations: {
    clauseId: string;
    status: string;
    narrative: string;
    evidenceIds: string[];
    updatedAt: Date;
  }[];
  progress: { total: number; declared: number; mandatory: number; mandatoryDeclared: number };
}

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
    return this.view(this.dataSource.manager, app);
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
    );
    details.push(
      ...(await this.evidenceErrors(
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
      if (dto.declarations.length) {
        await em.insert(
          Declaration,
          dto.declarations.map((d) => this.row(id, d.clauseId, d)),
        );
      }
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
      return this.view(em, { ...app, version: app.version + 1 });
    });
  }

  async saveOne(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    clauseId: string,
    dto: DeclarationBody,
  ): Promise<SelfAssessmentView> {
    const { app: loaded } = await this.access.owned(actor, meta, id);
    const ruleSetVersion = await this.ruleSetVersionOf(loaded);
    const details = [
      ...clauseErrors([{ field: 'clauseId', clauseId }], {
        ruleSetVersion,
        tier: loaded.tier,
        industryMode: loaded.industryMode,
      }),
      ...(await this.evidenceErrors(id, [{ field: 'evidenceIds', ids: dto.evidenceIds ?? [] }])),
    ];
    if (details.length) throw validationFailed(details);
    return this.dataSource.transaction(async (em) => {
      const app = await this.access.lockEditable(em, id);
      if (app.tier !== loaded.tier) throw this.tierChanged();
      await em.upsert(Declaration, this.row(id, clauseId, dto), ['applicationId', 'clauseId']);
      await em.update(Application, { id }, { version: app.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'application.self_assessment_saved',
        entityType: 'application',
        entityId: id,
        after: { status: app.status, mode: 'one_clause', clauseId, declared: dto.status },
      });
      return this.view(em, { ...app, version: app.version + 1 });
    });
  }

  private row(applicationId: string, clauseId: string, d: DeclarationBody) {
    return {
      applicationId,
      clauseId,
      status: d.status,
      narrative: (d.narrative ?? '').trim(),
      evidenceIds: [...new Set(d.evidenceIds ?? [])],
      updatedAt: new Date(),
    };
  }

  private async ruleSetVersionOf(app: Application): Promise<string> {
    return (await this.batches.getOrFail(app.batchId)).ruleSetVersion;
  }

  private tierChanged() {
    return validationFailed([
      { field: 'declarations', code: 'tier_changed', message: '申报层级刚被修改，请刷新自评表后重新保存' },
    ]);
  }

  /** Evidence may only be linked from the application it was uploaded to. */
  private async evidenceErrors(
    applicationId: string,
    lists: { field: string; ids: string[] }[],
  ): Promise<ErrorDetail[]> {
    const all = [...new Set(lists.flatMap((l) => l.ids))];
    if (!all.length) return [];
    const found = await this.dataSource
      .getRepository(EvidenceFile)
      .find({ where: { applicationId, id: In(all) }, select: { id: true } });
    const ok = new Set(found.map((f) => f.id));
    const details: ErrorDetail[] = [];
    for (const l of lists) {
      l.ids.forEach((eid, j) => {
        if (!ok.has(eid)) {
          details.push({
            field: `${l.field}[${j}]`,
            code: 'unknown_evidence',
            message: `佐证材料“${eid}”不存在或不属于本申报`,
          });
        }
      });
    }
    return details;
  }

  private async view(em: EntityManager, app: Application): Promise<SelfAssessmentView> {
    const ruleSetVersion = await this.ruleSetVersionOf(app);
    const rows = await em.find(Declaration, { where: { applicationId: app.id } });
    const byClause = new Map(rows.map((r) => [r.clauseId, r]));
    const clauses = clausesFor(getRuleSet(ruleSetVersion), app.tier as TierCode, app.industryMode as IndustryMode).map(
      ({ clause, subdomain }) => {
        const d = byClause.get(clause.id);
        return {
          clauseId: clause.id,
          subdomainNo: subdomain.no,
          subdomainName: subdomain.name,
          label: clause.label,
          obligation: clause.obligation,
          title: describeClause(subdomain, clause),
          text: clause.text,
          declaration: d
            ? { status: d.status, narrative: d.narrative, evidenceIds: d.evidenceIds, updatedAt: d.updatedAt }
            : null,
        };
      },
    );
    const inForm = new Set(clauses.map((c) => c.clauseId));
    const supportingDeclarations = rows
      .filter((r) => !inForm.has(r.clauseId))
      .sort((a, b) => a.clauseId.localeCompare(b.clauseId))
      .map((d) => ({
        clauseId: d.clauseId,
        status: d.status,
        narrative: d.narrative,
        evidenceIds: d.evidenceIds,
        updatedAt: d.updatedAt,
      }));
    const mandatory = clauses.filter((c) => c.obligation === 'mandatory');
    return {
      applicationId: app.id,
      ruleSetVersion,
      tier: app.tier,
      industryMode: app.industryMode,
      status: app.status,
      statusName: APPLICATION_STATUS_NAMES[app.status],
      editable: isEditable(app.status),
      clauses,
      supportingDeclarations,
      progress: {
        total: clauses.length,
        declared: clauses.filter((c) => c.declaration).length,
        mandatory: mandatory.length,
        mandatoryDeclared: mandatory.filter((c) => c.declaration).length,
      },
    };
  }
}

function countByStatus(ds: DeclarationDto[]) {
  const out = { met: 0, partial: 0, not_met: 0 };
  for (const d of ds) out[d.status]++;
  return out;
}
