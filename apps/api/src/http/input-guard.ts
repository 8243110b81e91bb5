import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InputErrors, assertInput } from '@ff/core';

const MULTIPART = /^multipart\//i;
const BOUNDARY = /;\s*boundary=("[^"]+"|[^;\s]+)/i;

/**
 * Every request's input meets the text policy (`@ff/core` text-policy.ts) before any route, pipe
 * or validator sees it: the query, the route parameters and the parsed JSON body — its depth
 * bounded first, by a walk that cannot overflow the stack itself. A multipart request without a
 * boundary is refused here too; a truncated one where its parts are read (`@ff/storage`).
 * A Fastify hook rather than a Nest pipe: it covers every route, including ones without a DTO.
 */
export function installInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req: FastifyRequest) => {
    const type = req.headers['content-type'];
    if (type && MULTIPART.test(type) && !BOUNDARY.test(type)) throw InputErrors.raise('multipart_malformed');
    assertInput(req.query, '', { multiLine: false });
    assertInput(req.params, '', { multiLine: false });
    if (req.body !== undefined && !isStream(req.body)) assertInput(req.body, '', { multiLine: true });
  });
}

const isStream = (v: unknown) => typeof (v as { pipe?: unknown } | null)?.pipe === 'function';
