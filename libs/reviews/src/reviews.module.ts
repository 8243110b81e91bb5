import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { EnterprisesModule } from '@ff/enterprises';
import { NotificationsModule } from '@ff/notifications';
import { AdjustmentsService } from './adjustments.service';
import { AggregationService } from './aggregation.service';
import { AssignmentService } from './assignment.service';
import { Clock } from './clock';
import { DeadlineScheduler } from './deadline.scheduler';
import { DeadlineService } from './deadline.service';
import { Expert } from './entities/expert.entity';
import { ExpertConflict } from './entities/expert-conflict.entity';
import { ReviewResult } from './entities/review-result.entity';
import { ReviewRound } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { ScoreSheet } from './entities/score-sheet.entity';
import { ExpertImportService } from './expert-import.service';
import { ExpertsController } from './experts.controller';
import { ExpertsService } from './experts.service';
import { ReassignService } from './reassign.service';
import { ResultsService } from './results.service';
import { OnsiteTeamService } from './onsite-team.service';
import { ResultsReader } from './results-reader.service';
import {
  AggregateProcessor,
  AssignProcessor,
  DeadlineProcessor,
  PublishProcessor,
  ReassignProcessor,
} from './review.processors';
import { RoundPublishService } from './round-publish.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { SheetsService } from './sheets.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Expert, ExpertConflict, ReviewRound, ReviewTask, ScoreSheet, ReviewResult]),
    ApplicationsModule,
    BatchesModule,
    EnterprisesModule,
    NotificationsModule,
  ],
  controllers: [ExpertsController, RoundsController, TasksController],
  providers: [
    Clock,
    ResultsReader,
    ExpertsService,
    ExpertImportService,
    AssignmentService,
    AdjustmentsService,
    RoundsService,
    RoundPublishService,
    DeadlineScheduler,
    DeadlineService,
    ReassignService,
    TasksService,
    SheetsService,
    AggregationService,
    ResultsService,
    OnsiteTeamService,
    AssignProcessor,
    PublishProcessor,
    ReassignProcessor,
    DeadlineProcessor,
    AggregateProcessor,
  ],
  exports: [ExpertsService, Clock, OnsiteTeamService, ResultsReader, RoundsService],
})
export class ReviewsModule {}
