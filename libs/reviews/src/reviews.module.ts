import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { EnterprisesModule } from '@ff/enterprises';
import { NotificationsModule } from '@ff/notifications';
import { Clock } from './clock';
import { Expert } from './entities/expert.entity';
import { ExpertConflict } from './entities/expert-conflict.entity';
import { ExpertImportService } from './expert-import.service';
import { ExpertsController } from './experts.controller';
import { ExpertsService } from './experts.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Expert, ExpertConflict]),
    ApplicationsModule,
    BatchesModule,
    EnterprisesModule,
    NotificationsModule,
  ],
  controllers: [ExpertsController],
  providers: [Clock, ExpertsService, ExpertImportService],
  exports: [ExpertsService, Clock],
})
export class ReviewsModule {}
