import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '@ff/config';

/**
 * The api's log. A request line says what happened — method, path, status, time, request id —
 * not every header the client sent. In the embedded mode someone is trying the system in a
 * terminal: one readable line per event (pino-pretty, synchronous so the admin banner printed
 * after start-up stays last); otherwise JSON lines for a log collector.
 */
export function loggerParams(config: AppConfig): Params {
  const options = {
    level: config.logLevel,
    // Health probes every few seconds would drown the log. The middleware is mounted on the path
    // itself too (it is outside the global prefix), where req.url is relative to it.
    autoLogging: {
      ignore: (req: IncomingMessage) =>
        ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0] === '/health',
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: (req.raw as { originalUrl?: string } | undefined)?.originalUrl ?? req.url,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
  if (!config.embedded.database) return { pinoHttp: options };
  const stream = pretty({
    sync: true,
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime,reqId',
    messageFormat:
      '{if context}[{context}] {end}{if req}{req.method} {req.url} → {res.statusCode} {responseTime} ms  {end}{msg}',
  });
  return { pinoHttp: [options, stream] };
}
