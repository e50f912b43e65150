import type { ConfigError } from '../../lib/config/types';

/** Errors with their JSON paths, announced to screen readers. */
export function ErrorList({ errors, label }: { errors: readonly ConfigError[]; label: string }) {
  if (errors.length === 0) return null;
  return (
    <ul role="alert" class="errors" aria-label={label}>
      {errors.map((e) => (
        <li key={`${e.path}:${e.message}`} class="error">
          <code>{e.path}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
