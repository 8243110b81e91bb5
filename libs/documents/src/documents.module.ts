import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { DesignationsModule } from '@ff/designations';
import { ReviewsModule } from '@ff/reviews';
import { AssessmentReportService } from './assessment-report.service';
import { DocumentRenderProcessor } from './document.processor';
import { DocumentStore } from './document-store.service';
import { CertificateService } from './certificate.service';
import { CertificatesController } from './certificates.controller';
import { DocumentsController } from './documents.controller';
import { DocumentRecord } from './entities/document.entity';
import { DesignationReportFacts } from './designation-report-facts';
import { ReportFactsSource } from './report-facts.source';
import { RegistryExportService } from './registry-export.service';
import { ResultsExportService } from './results-export.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DocumentRecord]),
    ApplicationsModule,
    BatchesModule,
    ReviewsModule,
    DesignationsModule,
  ],
  controllers: [DocumentsController, CertificatesController],
  providers: [
    DocumentStore,
    AssessmentReportService,
    ResultsExportService,
    CertificateService,
    RegistryExportService,
    DocumentRenderProcessor,
    { provide: ReportFactsSource, useClass: DesignationReportFacts },
  ],
  exports: [DocumentStore],
})
export class DocumentsModule {}
