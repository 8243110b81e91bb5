import type { Type } from '@nestjs/common';
import { BatchesModule } from '@ff/batches';
import { EnterprisesModule } from '@ff/enterprises';
import { ApplicationsModule } from '@ff/applications';
import { NotificationsModule } from '@ff/notifications';
import { ReviewsModule } from '@ff/reviews';
import { DesignationsModule } from '@ff/designations';
import { DocumentsModule } from '@ff/documents';
import { ImportsModule } from '@ff/imports';

/** The bounded contexts served over HTTP and run by the worker; each adds its module here. */
export const CONTEXT_MODULES: Type[] = [
  BatchesModule,
  EnterprisesModule,
  ApplicationsModule,
  NotificationsModule,
  ReviewsModule,
  DesignationsModule,
  DocumentsModule,
  ImportsModule,
];
