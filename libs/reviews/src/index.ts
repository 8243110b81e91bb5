/**
 * Reviews (专家评审): the expert pool, review rounds over city-recommended applications (and
 * re-review rounds over designated ones, opened by the designations context), the
 * assignment of experts to tasks (a pure solver in ./assignment, wrapped by a job), the task
 * lifecycle with deadlines and reminders, score sheets per sub-domain, and panel results with
 * calibration. Other contexts are read through their public services.
 */
export { ReviewsModule } from './reviews.module';
export { ExpertsService } from './experts.service';
export { Clock } from './clock';
export { OnsiteTeamService, type TeamMemberCheck } from './onsite-team.service';
export { ResultsReader, type StoredResult } from './results-reader.service';
export { RESULT_BASIS_NAMES, type ResultBasis } from './calibration';
export { ReviewErrors } from './reviews.errors';
export { DeadlineService } from './deadline.service';
export { RoundPublishService } from './round-publish.service';
export { TasksService } from './tasks.service';
export { RoundsService } from './rounds.service';
export { CreateRoundDto, ResultBasisDto, type RoundSettings } from './dto/round.dto';
export { RoundView } from './dto/round.view';
export { ROUND_KINDS, ROUND_KIND_NAMES, type RoundKind } from './entities/review-round.entity';
export { canSeeTask, canSeeAsAssignedExpert, taskVisibility, taskVisibleSql } from './reviews.policy';
export {
  REVIEW_TASK_STATUSES,
  REVIEW_TASK_TRANSITIONS,
  taskTransition,
  taskStateMachineTable,
  type ReviewTaskStatus,
} from './review-task.state-machine';
