import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { matchesIfNoneMatch } from './live-cache';
import { createRuntimeBundle } from './runtime-bundle';

/** The runtime's lazily loaded parts, by file name, with what each is called in a 404. */
const PARTS = { 'tagpoint-http.js': 'HTTP sink bundle', 'tagpoint-health.js': 'tag health bundle', 'tagpoint-debug.js': 'debug runtime bundle', 'tagpoint-extras.js': 'runtime extras bundle' } as const;

/** True for a URL path the registry serves a runtime file at: `/tagpoint.js` or one of its parts. */
export const isRuntimePath = (path: string): boolean => path === '/tagpoint.js' || Object.hasOwn(PARTS, path.slice(1));

/**
 * Serves the runtime's lazily loaded parts from beside the runtime bundle: the HTTP sink at
 * `/tagpoint-http.js`, tag health at `/tagpoint-health.js` and the runtime with its debug bridge
 * at `/tagpoint-debug.js`. tagpoint.js loads one from its own folder when its script tag has a
 * write key or `data-health`, or debug is requested, so wherever tagpoint.js is
 * served its parts are too, from the same origin.
 */
export function registerHttpSinkRoute(app: FastifyInstance, runtimeBundlePath: string): void {
  for (const [file, name] of Object.entries(PARTS)) {
    const bundle = createRuntimeBundle(join(dirname(runtimeBundlePath), file));
    app.get(`/${file}`, async (request, reply) => {
      const result = await bundle();
      if (!result.ok) return reply.code(404).send({ error: result.message.replace('runtime bundle', name) });
      reply.header('etag', result.etag).header('cache-control', 'public, max-age=300');
      if (matchesIfNoneMatch(request.headers['if-none-match'], result.etag)) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(result.body);
    });
  }
}
