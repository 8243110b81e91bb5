/**
 * Queue: the one queue port. Producers call `QueueService.enqueue` with a typed job name and a
 * deterministic id; handlers are providers marked `@JobProcessor(name)` that receive the typed
 * payload and a `JobContext`, never a BullMQ job; `QueueMonitor` answers operators' questions.
 * BullMQ runs on Redis, or on its PostgreSQL backend in embedded mode — same code either way.
 */
export * from './jobs';
export * from './job-processor.decorator';
export { QueueService, DEFAULT_JOB_OPTIONS, KNOWN_DOWN_WAIT_MS, failFastRedisOptions } from './queue.service';
export { QueueModule, QUEUE_CONSUMER } from './queue.module';
export { QueueMonitor, type JobSnapshot, type JobState } from './queue-monitor';
export { collectHandlers } from './worker-host.service';
