import { Reflector } from '@nestjs/core';
import { EchoProcessor } from '../echo.processor';
import { JobContext, JobHandler, JobProcessor } from '../job-processor.decorator';
import { JOB_QUEUE, JobName, JobPayloads } from '../jobs';
import { collectHandlers } from '../worker-host.service';

@JobProcessor('precheck.run')
class PrecheckA implements JobHandler<'precheck.run'> {
  async handle(p: JobPayloads['precheck.run']) {
    return p.applicationId;
  }
}
@JobProcessor('precheck.run')
class PrecheckB implements JobHandler<'precheck.run'> {
  async handle() {
    return null;
  }
}
class NotAHandler {}

const provider = (metatype: new () => object) => ({ metatype, instance: new metatype() });
const reflector = new Reflector();

describe('the worker host refuses to start with handlers that do not match jobs.ts', () => {
  it('maps each consumed job to its one handler, which sees the payload and a context only', async () => {
    const echo = provider(EchoProcessor);
    const handlers = collectHandlers(
      [echo, provider(PrecheckA), provider(NotAHandler), { metatype: EchoProcessor, instance: echo.instance }],
      reflector,
      ['system.echo', 'precheck.run'],
    );
    expect([...handlers.keys()].sort()).toEqual(['precheck.run', 'system.echo']);
    const ctx: JobContext = {
      jobId: 'x',
      attempt: 1,
      attempts: 5,
      isFinalAttempt: false,
      reportProgress: async () => {},
    };
    expect(await handlers.get('system.echo')!.handle({ token: 't' }, ctx)).toEqual({ token: 't' });
  });

  it('refuses two providers claiming one job', () => {
    expect(() => collectHandlers([provider(PrecheckA), provider(PrecheckB)], reflector, ['precheck.run'])).toThrow(
      'job "precheck.run" is claimed by two providers (PrecheckA and PrecheckB)',
    );
  });

  it('refuses a consumed job without a handler, naming every one missing', () => {
    const all = Object.keys(JOB_QUEUE) as JobName[];
    expect(() => collectHandlers([provider(EchoProcessor)], reflector, all)).toThrow(
      /this process consumes "precheck\.run", "notification\.send", .*"import\.validate" \(declared in libs\/queue\/src\/jobs\.ts\) but no provider handles them/,
    );
  });

  it('runs nothing it does not consume (the api beside a separate worker consumes none)', () => {
    expect(collectHandlers([provider(EchoProcessor), provider(PrecheckA)], reflector, []).size).toBe(0);
    expect([
      ...collectHandlers([provider(EchoProcessor), provider(PrecheckA)], reflector, ['system.echo']).keys(),
    ]).toEqual(['system.echo']);
  });
});
