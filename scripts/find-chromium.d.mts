export declare const CANDIDATE_PATHS: readonly string[];
export declare const INSTALL_HINT: string;
/** Absolute path of a Chromium executable; throws with install instructions when none is found. */
export declare function chromiumPath(
  env?: Record<string, string | undefined>,
  candidates?: readonly string[],
): string;
