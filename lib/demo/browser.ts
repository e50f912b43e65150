import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Whether a browser window can be shown: a desktop OS, or X11/Wayland on Linux. */
export function hasDisplay(env: Record<string, string | undefined> = process.env, platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Chromium flags that load one unpacked extension. Chrome-branded builds ignore them since Chrome 137; Chromium honours them. */
export function extensionArgs(extensionDir: string): string[] {
  const args = [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
  // Chromium refuses to start as root with its sandbox on (containers, CI).
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

/** A Chromium window opened by `npm start`. */
export interface DemoBrowser {
  child: ChildProcess;
  /** Resolves when the browser process has exited (closed by the user or by `stop`). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Opens a visible Chromium with its own profile, the extension loaded, and `urls` in tabs. */
export function openDemoBrowser(options: { executable: string; extensionDir: string; profileDir: string; urls: string[] }): DemoBrowser {
  const child = spawn(
    options.executable,
    [
      `--user-data-dir=${options.profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      ...extensionArgs(options.extensionDir),
      ...options.urls,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A proxy that refuses every connection: Chromium pointed at it cannot leave 127.0.0.1 (loopback goes direct). */
export async function startRefusingProxy(): Promise<{ server: string; hits: number; targets: string[]; stop(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setTimeout(2_000, () => socket.destroy());
    // Read the request line only to say what was refused ("CONNECT host:443"), then hang up.
    socket.once('data', (chunk) => {
      const [method = '?', target = ''] = chunk.toString('latin1').split('\r\n', 1)[0]!.split(' ');
      let host = target;
      try {
        if (method !== 'CONNECT') host = new URL(target).host;
      } catch {
        // Not a URL: keep what was sent.
      }
      targets.push(`${method} ${host}`.slice(0, 200));
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    server: `127.0.0.1:${port}`,
    get hits() {
      return targets.length;
    },
    targets,
    stop() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
