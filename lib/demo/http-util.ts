import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Thrown when a demo server cannot take its port; the message names the port and how to choose another. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
    readonly host: string,
  ) {
    super(`The ${service} cannot listen on ${host}:${port}: the port is already in use.`);
    this.name = 'PortInUseError';
  }
}

/** Listens and resolves with the bound port; a busy port rejects with PortInUseError. */
export function listen(server: http.Server, port: number, host: string, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(service, port, host) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Reads a body up to `limit` bytes; beyond it, stops reading and reports `ok: false`. */
export async function readLimitedBody(
  req: http.IncomingMessage,
  limit: number,
): Promise<{ ok: true; text: string } | { ok: false }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return { ok: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return { ok: false };
    }
    chunks.push(chunk as Buffer);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** Answers with JSON, never cached. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}
