import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { AuditSealer } from './audit-sealer';

/**
 * Runs the sealer continuously in the process that consumes jobs (the worker, or the api in
 * embedded mode): a pass every `AUDIT_SEAL_INTERVAL_MS`, straight on while a pass finds a full
 * batch, a signed checkpoint when one is due. A failed pass (database away) is logged and retried
 * after a pause; nothing is lost, the events simply wait unsealed.
 */
@Injectable()
export class AuditSealerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly sealer: AuditSealer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /**
   * Stops the loop, then seals what this process (or any other) left, so a clean stop leaves no lag
   * behind — before the application's shutdown hooks, which close the database connections (the
   * ORM's own hook may run before this module's). Events a job in flight still writes while the
   * worker stops wait, unsealed, for the next start.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.pause();
    await this.sealer.drain().catch((e: Error) => this.logger.warn(`final sealing failed: ${e.message}`));
  }

  /** Stops sealing after the pass in flight (events then wait unsealed); `resume` starts again. */
  async pause(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  resume(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().then((delay) => this.schedule(delay));
    }, delayMs);
    this.timer.unref();
  }

  /** One pass; answers how long to wait before the next. */
  private async pass(): Promise<number> {
    const batch = 2000;
    try {
      const sealed = await this.sealer.sealBatch(batch);
      await this.sealer.anchorIfDue();
      this.failures = 0;
      return sealed === batch ? 0 : this.config.audit.sealIntervalMs;
    } catch (e) {
      this.failures++;
      if (this.failures === 1 || this.failures % 50 === 0) {
        this.logger.warn(`sealing failed (${this.failures}×), events wait unsealed: ${(e as Error).message}`);
      }
      return Math.min(5000, this.config.audit.sealIntervalMs * 2 ** Math.min(this.failures, 5));
    }
  }
}
