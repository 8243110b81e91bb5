import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { ReviewsModule } from '@ff/reviews';
import { AssessmentReportService } from './assessment-report.service';
import { DocumentRenderProcessor } from './document.processor';
import { DocumentStore } from './document-store.service';
import { DocumentsController } from './documents.controller';
import { DocumentRecord } from './entities/document.entity';
import { NoReportFactsYet, ReportFactsSource } from './report-facts.source';
import { ResultsExportService } from './results-export.service';

@Module({
  imports: [TypeOrmModule.forFeature([DocumentRecord]), ApplicationsModule, BatchesModule, ReviewsModule],
  controllers: [DocumentsController],
  providers: [
    DocumentStore,
    AssessmentReportService,
    ResultsExportService,
    DocumentRenderProcessor,
    { provide: ReportFactsSource, useClass: NoReportFactsYet },
  ],
  exports: [DocumentStore],
})
export class DocumentsModule {}
