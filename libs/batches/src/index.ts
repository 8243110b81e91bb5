/**
 * Batches (申报批次): the province's annual calls — tiers offered, submission window (Beijing
 * time), the rule-set version, pre-check and scoring policies and panel sizes pinned for the batch.
 */
export { Batch, BatchStatus, PanelSizes } from './entities/batch.entity';
export {
  BATCH_STATE_MACHINE,
  BATCH_STATUS_NAMES,
  BATCH_EVENT_NAMES,
  batchStateMachineTable,
  type BatchEvent,
} from './batch.state-machine';
export { BatchesService, DEFAULT_PANEL_SIZES, formatShanghai } from './batches.service';
export { BatchesModule } from './batches.module';
export { BatchView, toBatchView, isAcceptingSubmissions } from './dto/batch.view';
export { canSeeBatch, batchVisibleSql, batchVisibility, type BatchScope } from './batches.policy';
export { BatchErrors } from './batches.errors';
