/** Options of `errorText`. */
export interface ErrorTextOptions {
  /** Longest text returned; the rest is cut (an error may quote a whole page). Default 500. */
  maxLength?: number;
}

/** A readable message of an unknown error, for showing in the extension's views. */
export function errorText(error: unknown, { maxLength = 500 }: ErrorTextOptions = {}): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, maxLength);
}
