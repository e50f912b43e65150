/** Props of `Outcome`. */
export interface OutcomeProps {
  /** What went well, announced politely; nothing shown when empty. */
  status?: string;
  /** What went wrong, announced at once; nothing shown when empty. */
  problem?: string;
}

/** The result line(s) under a publishing view's actions: a status, a problem, or both. */
export function Outcome({ status, problem }: OutcomeProps) {
  return (
    <>
      {status && (
        <p role="status" class="ok">
          {status}
        </p>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
    </>
  );
}
