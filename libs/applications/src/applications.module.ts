import { Module } from '@nestjs/common';
import { UploadIntake } from '@ff/storage';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BatchesModule } from '@ff/batches';
import { EnterprisesModule } from '@ff/enterprises';
import { ApplicationAccess } from './application-access.service';
import { ApplicationImportWriter } from './application-import.writer';
import { ApplicationHistoryService } from './application-history.service';
import { ApplicationContentController } from './application-content.controller';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { EvidenceFile } from './entities/evidence-file.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Submission } from './entities/submission.entity';
import { EvidenceService } from './evidence.service';
import { PrecheckProcessor } from './precheck.processor';
import { RecommendationsService } from './recommendations.service';
import { RecommendationQuotasController } from './recommendation-quotas.controller';
import { RecommendationQuotasService } from './recommendation-quotas.service';
import { ReviewIntakeService } from './review-intake.service';
import { ReapplicationBansController } from './reapplication-bans.controller';
import { ReapplicationBansService } from './reapplication-bans.service';
import { SelfAssessmentService } from './self-assessment.service';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, Declaration, EvidenceFile, Submission, Recommendation]),
    BatchesModule,
    EnterprisesModule,
  ],
  controllers: [
    ApplicationsController,
    ApplicationContentController,
    RecommendationQuotasController,
    ReapplicationBansController,
  ],
  providers: [
    ApplicationAccess,
    ApplicationsService,
    SubmissionsService,
    RecommendationsService,
    RecommendationQuotasService,
    ApplicationHistoryService,
    SelfAssessmentService,
    EvidenceService,
    PrecheckProcessor,
    ReviewIntakeService,
    ReapplicationBansService,
    ApplicationImportWriter,
    UploadIntake,
  ],
  exports: [
    ApplicationsService,
    ReviewIntakeService,
    ReapplicationBansService,
    ApplicationImportWriter,
    SelfAssessmentService,
    SubmissionsService,
  ],
})
export class ApplicationsModule {}
