import { parseArgs } from 'node:util';
import { DEMO_DEFAULT_PORTS } from './stack';

/** What `npm start` was asked to do. */
export interface StartOptions {
  ports: { registry: number; shop: number; collector: number };
  /** Where the SQLite file, `demo.json`, the pre-configured extension copy and the browser profile live. */
  dataDir: string;
  smoke: boolean;
  build: boolean;
  browser: boolean;
  /** Bound on the whole smoke run (ms). */
  smokeTimeoutMs: number;
  help: boolean;
}

/** `parseStartOptions` result: options, or every problem found. */
export type ParseStartResult = { ok: true; options: StartOptions } | { ok: false; errors: string[] };

export const START_USAGE = `Usage: npm start [-- options]

Starts the Tagpoint demo: the registry, the demo shop and its analytics collector on
127.0.0.1, builds the runtime and the extension, and opens Chromium with the extension
loaded when a display is available.

Options (each also as an environment variable):
  --port-base N        registry on N, shop on N+1, collector on N+2  (TAGPOINT_PORT_BASE; default 8787)
  --registry-port N    (TAGPOINT_PORT_REGISTRY)
  --shop-port N        (TAGPOINT_PORT_SHOP)
  --collector-port N   (TAGPOINT_PORT_COLLECTOR)
  --data DIR           database, token and browser profile  (TAGPOINT_DATA_DIR; default ./data)
  --no-build           use the existing .output/ builds
  --no-browser         do not open Chromium, only print the URLs
  --smoke              headless end-to-end check on free ports and a throw-away data folder; exits 0 when an
                       event made on the shop reaches the collector
  --smoke-timeout S    bound on the smoke run in seconds (default 120)
  --help
`;

const ENV_PORTS = {
  registry: 'TAGPOINT_PORT_REGISTRY',
  shop: 'TAGPOINT_PORT_SHOP',
  collector: 'TAGPOINT_PORT_COLLECTOR',
} as const;

function parsePort(value: string, name: string, errors: string[]): number | undefined {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    errors.push(`${name} must be a port number from 0 to 65535, not "${value}"`);
    return undefined;
  }
  return Number(value);
}

/** Reads `npm start`'s flags and environment; flags win over environment, which wins over defaults. */
export function parseStartOptions(argv: string[], env: Record<string, string | undefined> = process.env): ParseStartResult {
  const errors: string[] = [];
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        'port-base': { type: 'string' },
        'registry-port': { type: 'string' },
        'shop-port': { type: 'string' },
        'collector-port': { type: 'string' },
        data: { type: 'string' },
        'no-build': { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        smoke: { type: 'boolean' },
        'smoke-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }

  const ports: StartOptions['ports'] = { ...DEMO_DEFAULT_PORTS };
  const baseText = (values['port-base'] as string | undefined) ?? env.TAGPOINT_PORT_BASE;
  if (baseText !== undefined) {
    const base = parsePort(baseText, values['port-base'] ? '--port-base' : 'TAGPOINT_PORT_BASE', errors);
    if (base !== undefined) {
      if (base === 0 || base > 65_533) errors.push('the port base must be from 1 to 65533 (it takes three ports)');
      else Object.assign(ports, { registry: base, shop: base + 1, collector: base + 2 });
    }
  }
  for (const service of ['registry', 'shop', 'collector'] as const) {
    const flag = `${service}-port`;
    const text = (values[flag] as string | undefined) ?? env[ENV_PORTS[service]];
    if (text === undefined) continue;
    const port = parsePort(text, values[flag] ? `--${flag}` : ENV_PORTS[service], errors);
    if (port !== undefined) ports[service] = port;
  }
  const used = Object.entries(ports).filter(([, port]) => port !== 0);
  for (const [service, port] of used) {
    const other = used.find(([s, p]) => p === port && s !== service);
    if (other && service < other[0]) errors.push(`the ${service} and the ${other[0]} cannot share port ${port}`);
  }

  let smokeTimeoutMs = 120_000;
  const timeoutText = values['smoke-timeout'] as string | undefined;
  if (timeoutText !== undefined) {
    if (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 10) errors.push('--smoke-timeout takes whole seconds, at least 10');
    else smokeTimeoutMs = Number(timeoutText) * 1_000;
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    options: {
      ports,
      dataDir: (values.data as string | undefined) ?? env.TAGPOINT_DATA_DIR ?? 'data',
      smoke: Boolean(values.smoke),
      build: !values['no-build'],
      browser: !values['no-browser'],
      smokeTimeoutMs,
      help: Boolean(values.help),
    },
  };
}

/** The advice printed with a busy port: which option (or variable) moves that service elsewhere. */
export function busyPortAdvice(service: string, port: number): string {
  const key = service === 'demo shop' ? 'shop' : service;
  const env = ENV_PORTS[key as keyof typeof ENV_PORTS];
  const flag = `--${key}-port`;
  return (
    `Port ${port} is taken (is the demo already running?). Stop what uses it, or choose other ports:\n` +
    `  npm start -- ${flag} ${port + 1000}${env ? `   (or ${env}=${port + 1000} npm start)` : ''}\n` +
    `  npm start -- --port-base 9787   (registry 9787, shop 9788, collector 9789)`
  );
}
