/**
 * When a tag counts as healthy, degraded, broken or without traffic. Data, not code: the
 * registry's `healthThresholds` option overrides any of them, and lib/server/README.md
 * ("Tag health") says why each value is what it is.
 */
export interface HealthThresholds {
  /** Beacons a bucket needs before it is judged; a thinner bucket keeps the state before it. */
  minSamples: number;
  /** Share of views with the target absent from which a bucket is `broken`. */
  brokenAbsent: number;
  /** Share of views absent or ambiguous from which a bucket is `degraded`. */
  degradedMissing: number;
  /** Share of views found only by relocation (fallback or fingerprint) from which a bucket is `degraded`. */
  degradedRelocated: number;
  /** No judged bucket for this long (seconds) makes the tag `no-traffic`. */
  noTrafficAfterSeconds: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  minSamples: 20,
  brokenAbsent: 0.9,
  degradedMissing: 0.1,
  degradedRelocated: 0.5,
  noTrafficAfterSeconds: 24 * 3600,
};
