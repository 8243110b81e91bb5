import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { DesignationsModule } from '@ff/designations';
import { ReviewsModule } from '@ff/reviews';
import { AssessmentReportService } from './assessment-report.service';
import { DocumentRenderProcessor } from './document.processor';
import { DocumentStore } from './document-store.service';
import { DocumentsController } from './documents.controller';
import { DocumentRecord } from './entities/document.entity';
import { DesignationReportFacts } from './designation-report-facts';
import { ReportFactsSource } from './report-facts.source';
import { ResultsExportService } from './results-export.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DocumentRecord]),
    ApplicationsModule,
    BatchesModule,
    ReviewsModule,
    DesignationsModule,
  ],
  controllers: [DocumentsController],
  providers: [
    DocumentStore,
    AssessmentReportService,
    ResultsExportService,
    DocumentRenderProcessor,
    { provide: ReportFactsSource, useClass: DesignationReportFacts },
  ],
  exports: [DocumentStore],
})
export class DocumentsModule {}
