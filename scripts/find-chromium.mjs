// Finds a Chromium (or Chrome) to drive: the e2e tests and `npm start` both use it.
// Order: $CHROMIUM_PATH, $CHROME_PATH, then the usual install paths.
// Run directly (`node scripts/find-chromium.mjs`) to print the path found.
import { accessSync, constants, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CANDIDATE_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const INSTALL_HINT =
  'Install one with `sudo apt-get install chromium fonts-liberation` (Debian/Ubuntu), ' +
  'or point CHROMIUM_PATH at a Chromium or Chrome executable.';

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: the next candidate path is tried, and the error lists them all.
    return false;
  }
}

/** Absolute path of a Chromium executable; throws with install instructions when none is found. */
export function chromiumPath(env = process.env, candidates = CANDIDATE_PATHS) {
  for (const name of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value)) return value;
    throw new Error(`${name} is set to "${value}", which is not an executable file. ${INSTALL_HINT}`);
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    `No Chromium found (looked at $CHROMIUM_PATH, $CHROME_PATH, ${candidates.join(', ')}). ${INSTALL_HINT}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(chromiumPath());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
