import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Actor, RequestMeta } from '@ff/core';
import { type DesignationRecord, DesignationReads } from '@ff/designations';
import { AuthorizationService } from '@ff/identity';
import { type CertificateFacts, certificateVerifyUrl } from './certificate';
import { canReadCertificate } from './documents.policy';
import { DocumentStore, documentInputHash } from './document-store.service';
import { CertificateStatusView, DOCUMENT_STATUS_NAMES } from './dto/document.view';
import type { DocumentRecord } from './entities/document.entity';

const LABEL = '认定证书';

/**
 * What a designation's certificate prints: the designation's facts (not its status — a revocation
 * leaves the certificate as it was; the QR code answers the current status), the day of
 * designation, and the public verification URL. Their hash keys the stored PDF, so a changed fact
 * (a renewed validity, a corrected name) renders it again and nothing else does.
 */
export function certificateFactsOf(d: DesignationRecord, publicBaseUrl: string): CertificateFacts {
  return {
    certificateNumber: d.certificateNumber,
    verificationCode: d.verificationCode,
    enterpriseName: d.enterpriseName,
    creditCode: d.creditCode,
    tier: d.tier,
    constructionType: d.constructionTypeName,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    issuedAt: d.issuedOn,
    verifyUrl: certificateVerifyUrl(publicBaseUrl, d.certificateNumber, d.verificationCode),
  };
}

/** A designation's certificate PDF through the document store (rendered by `document.render`). */
@Injectable()
export class CertificateService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reads: DesignationReads,
    private readonly store: DocumentStore,
    private readonly authz: AuthorizationService,
  ) {}

  async status(actor: Actor, meta: RequestMeta, designationId: string): Promise<CertificateStatusView> {
    const { designation, facts } = await this.load(actor, meta, designationId);
    return this.view(designation, facts, await this.store.find('certificate', designationId, facts));
  }

  async request(actor: Actor, meta: RequestMeta, designationId: string): Promise<CertificateStatusView> {
    const { designation, facts } = await this.load(actor, meta, designationId);
    return this.view(designation, facts, await this.store.request(actor, meta, 'certificate', designationId, facts));
  }

  /** The PDF when rendered for the current facts; otherwise its rendering is requested and its status returned. */
  async content(
    actor: Actor,
    meta: RequestMeta,
    designationId: string,
  ): Promise<
    { ready: DocumentRecord; stream: NodeJS.ReadableStream; fileName: string } | { pending: CertificateStatusView }
  > {
    const { designation, facts } = await this.load(actor, meta, designationId);
    const found = await this.store.find('certificate', designationId, facts);
    const row =
      found?.status === 'ready' ? found : await this.store.request(actor, meta, 'certificate', designationId, facts);
    if (row.status === 'ready')
      return {
        ready: row,
        stream: await this.store.open(row),
        fileName: `认定证书-${designation.certificateNumber}.pdf`,
      };
    return { pending: this.view(designation, facts, row) };
  }

  /** The designation and its certificate facts, after the access check (unknown or not theirs: audited 404). */
  private async load(actor: Actor, meta: RequestMeta, designationId: string) {
    const designation = await this.reads.designation(designationId);
    if (!designation || !canReadCertificate(actor, designation))
      throw await this.authz.deny(actor, meta, { entityType: 'designation', entityId: designationId, label: LABEL });
    return { designation, facts: certificateFactsOf(designation, this.config.documents.publicBaseUrl) };
  }

  private view(d: DesignationRecord, facts: CertificateFacts, row: DocumentRecord | null): CertificateStatusView {
    const status = row?.status ?? 'not_rendered';
    return {
      designationId: d.id,
      certificateNumber: d.certificateNumber,
      designationStatus: d.status,
      designationStatusName: d.statusName,
      status,
      statusName: DOCUMENT_STATUS_NAMES[status],
      documentId: row?.id ?? null,
      inputHash: documentInputHash('certificate', facts),
      sha256: row?.sha256 ?? null,
      size: row?.size ?? null,
      renderedAt: row?.renderedAt ?? null,
      missingGlyphs: row?.missingGlyphs ?? [],
      verifyUrl: facts.verifyUrl,
    };
  }
}
