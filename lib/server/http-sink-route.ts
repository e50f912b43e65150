import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { matchesIfNoneMatch } from './live-cache';
import { createRuntimeBundle } from './runtime-bundle';

/**
 * Serves the HTTP sink (`tagpoint-http.js`) from beside the runtime bundle, at
 * `/tagpoint-http.js`: tagpoint.js loads it from its own folder when its script tag has a
 * write key, so wherever tagpoint.js is served its sink is too, from the same origin.
 */
export function registerHttpSinkRoute(app: FastifyInstance, runtimeBundlePath: string): void {
  const bundle = createRuntimeBundle(join(dirname(runtimeBundlePath), 'tagpoint-http.js'));
  app.get('/tagpoint-http.js', async (request, reply) => {
    const result = await bundle();
    if (!result.ok) return reply.code(404).send({ error: result.message.replace('runtime bundle', 'HTTP sink bundle') });
    reply.header('etag', result.etag).header('cache-control', 'public, max-age=300');
    if (matchesIfNoneMatch(request.headers['if-none-match'], result.etag)) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(result.body);
  });
}
