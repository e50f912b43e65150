import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ResolvedRegistryOptions } from './options';

type Timeouts = Pick<ResolvedRegistryOptions, 'requestTimeout' | 'headersTimeout' | 'keepAliveTimeout' | 'connectionTimeout'>;

/**
 * fastify's `serverFactory`: a Node HTTP server with the registry's timeouts. Node checks
 * `requestTimeout` and `headersTimeout` only every `connectionsCheckingInterval` (30 s by
 * default), so a 1 s limit would really be up to 31 s; the interval here is a quarter of the
 * shortest limit, at most a second.
 */
export function createServerFactory(options: Timeouts) {
  return (handler: RequestListener): Server => {
    const requestTimeout = options.requestTimeout;
    // Node refuses a headers timeout above the request timeout.
    const headersTimeout = requestTimeout > 0 ? Math.min(options.headersTimeout, requestTimeout) : options.headersTimeout;
    const shortest = Math.min(...[requestTimeout, headersTimeout].filter((t) => t > 0), 4_000);
    const server = createServer(
      { requestTimeout, headersTimeout, keepAliveTimeout: options.keepAliveTimeout, connectionsCheckingInterval: Math.max(50, Math.floor(shortest / 4)) },
      handler,
    );
    server.setTimeout(options.connectionTimeout);
    return server;
  };
}

/**
 * Answers sent before the body was read (auth runs first, so a 401 never parses a body) end the
 * connection: `Connection: close`, then whatever body is still coming is discarded for at most
 * `lingerMs` (so the client gets to read the answer before a reset), then the socket is destroyed.
 * Without this, Node keeps reading a trickling body to reach the next keep-alive request, and a
 * client without a token could pin a socket for as long as it likes.
 */
export function closeAfterUnreadBody(app: FastifyInstance, lingerMs: number): void {
  app.addHook('onSend', async (request, reply) => {
    if (!isBodyDone(request.raw)) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request) => {
    const raw = request.raw;
    const socket = raw.socket;
    if (isBodyDone(raw) || socket.destroyed) return;
    raw.resume();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}

function isBodyDone(raw: IncomingMessage): boolean {
  return raw.complete || raw.readableEnded;
}
