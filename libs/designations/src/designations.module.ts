import { Module } from '@nestjs/common';
import { UploadIntake } from '@ff/storage';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { NotificationsModule } from '@ff/notifications';
import { ReviewsModule } from '@ff/reviews';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { DesignationReads } from './designation-reads.service';
import { PublicityCloseProcessor } from './designation.processors';
import { DesignationsService } from './designations.service';
import { ObjectionRateLimitGuard } from './objection-rate-limit.guard';
import { ObjectionsService } from './objections.service';
import { OnsiteController } from './onsite.controller';
import { OnsiteService } from './onsite.service';
import { PoliciesService } from './policies.service';
import { PublicController } from './public.controller';
import { PublicityController } from './publicity.controller';
import { PublicityEffects } from './publicity-effects.service';
import { PublicityService } from './publicity.service';
import { ReReviewController } from './re-review.controller';
import { ReReviewService } from './re-review.service';

@Module({
  imports: [ApplicationsModule, BatchesModule, ReviewsModule, NotificationsModule],
  controllers: [
    DecisionsController,
    PublicityController,
    PublicController,
    CalendarController,
    OnsiteController,
    ReReviewController,
  ],
  providers: [
    CalendarService,
    PoliciesService,
    PublicityEffects,
    DecisionsService,
    PublicityService,
    ObjectionsService,
    DesignationsService,
    OnsiteService,
    ObjectionRateLimitGuard,
    PublicityCloseProcessor,
    DesignationReads,
    ReReviewService,
    UploadIntake,
  ],
  exports: [DecisionsService, DesignationsService, CalendarService, DesignationReads],
})
export class DesignationsModule {}
