/** A token bucket: how many page messages the preview accepts, so a flood is dropped early. */

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Most tokens held (the largest burst). */
  burst: number;
  /** Clock in ms. Default `performance.now()`/`Date.now()`. */
  now?: () => number;
}

/** A rate limiter; `take()` is false when the message must be dropped. */
export interface RateLimiter {
  take(): boolean;
  /** Messages dropped so far. */
  readonly dropped: number;
}

/** Creates a token bucket, full at the start. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  let tokens = options.burst;
  let last = now();
  let dropped = 0;
  return {
    take() {
      const t = now();
      tokens = Math.min(options.burst, tokens + ((t - last) / 1000) * options.perSecond);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      dropped++;
      return false;
    },
    get dropped() {
      return dropped;
    },
  };
}
