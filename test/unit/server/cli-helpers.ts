import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository's CLI entry, run as `node bin/tagpoint.mjs`. */
// From the working directory (the repository root under vitest): under happy-dom, import.meta.url is not a file URL.
export const BIN = resolve('bin/tagpoint.mjs');

/** Runs the CLI to completion. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the CLI in this process: the same `runCli` that bin/tagpoint.mjs calls, with
 * `runCli`'s result shape. For cases where the process itself is not under test: a spawn
 * compiles the CLI with tsx (about a second each on a loaded 2-core machine). `env` is the
 * whole environment (the test process's is not inherited). Not for `serve` (it never stops).
 */
export async function runCliHere(args: string[], options: { env?: Record<string, string> } = {}) {
  // Imported here: lib/server resolves paths from import.meta.url at load, which fails under
  // happy-dom in the component tests that import this file for spawnServe.
  const { runCli: runCliInProcess } = await import('../../../lib/server/cli');
  let stdout = '';
  let stderr = '';
  const code = await runCliInProcess(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    env: { ...options.env },
    stopSignal: () => new Promise<string>(() => {}),
  });
  return { code: code as number | null, stdout, stderr };
}

/** Starts `tagpoint serve --port 0 ...` in a child process and waits for its URL. */
export function spawnServe(args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string; stop(): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args]);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
  });
}
