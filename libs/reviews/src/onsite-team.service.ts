import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { ReviewCandidate } from '@ff/applications';
import { DEFAULT_CONFLICT_POLICY, findConflicts, manualConflictIndex } from './assignment';
import { expertInput } from './assignment-input';
import { Expert } from './entities/expert.entity';
import { ExpertConflict } from './entities/expert-conflict.entity';

export interface TeamMemberCheck {
  expertId: string;
  userId: string;
  name: string;
  active: boolean;
  /** Chinese reasons the expert must not visit this applicant (回避), empty when none. */
  conflicts: string[];
}

/**
 * The expert pool for on-site verification (现场核查) teams: the same conflict rules as review
 * assignment (same employer, declared relationships, the applicant's vendors, same county, manual
 * conflicts); rotation does not apply to a visit. Pure rules from ./assignment, loaded here.
 */
@Injectable()
export class OnsiteTeamService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The expert record of a signed-in expert user, or null. */
  async expertIdOf(userId: string): Promise<string | null> {
    const expert = await this.dataSource.manager.findOneBy(Expert, { userId });
    return expert?.id ?? null;
  }

  async check(expertIds: string[], app: ReviewCandidate, onDate: string): Promise<TeamMemberCheck[]> {
    const experts = await this.dataSource.manager.findBy(Expert, { id: In(expertIds) });
    const manual = manualConflictIndex(
      await this.dataSource.manager.findBy(ExpertConflict, { expertId: In(expertIds), enterpriseId: app.enterpriseId }),
    );
    const policy = { ...DEFAULT_CONFLICT_POLICY, rotation: { enabled: false } };
    const task = {
      id: `onsite~${app.applicationId}`,
      applicationId: app.applicationId,
      enterpriseId: app.enterpriseId,
      domain: 'technology_support' as const,
      panelSize: expertIds.length,
      applicant: {
        creditCode: app.creditCode,
        countyCode: app.regionCode,
        vendorCreditCodes: app.vendorCreditCodes,
        enterpriseName: app.enterpriseName,
      },
    };
    return experts.map((e) => ({
      expertId: e.id,
      userId: e.userId,
      name: e.name,
      active: e.active,
      conflicts: findConflicts(expertInput(e, 0, []), task, {
        policy,
        periodFrom: onDate,
        periodTo: onDate,
        manual,
      }).map((c) => c.reason),
    }));
  }
}
