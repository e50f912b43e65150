import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TagConfig } from '../../lib/config/types';
import { describeRegistryError, type RegistryClient, type VersionSummary } from '../../lib/publish';
import { Outcome } from './Outcome';

/** Props of `VersionHistory`. */
export interface VersionHistoryProps {
  client: RegistryClient;
  site: string;
  /** Called after a rollback made `revision` live. */
  onRolledBack?(revision: number): void;
  /** Shows "Pull live": loads the live config into the drafts through this callback. */
  onPull?(config: TagConfig): void | Promise<void>;
  /**
   * Asked before `onPull`: a warning when pulling would overwrite local drafts (then the user
   * confirms first), or undefined to pull straight away.
   */
  pullWarning?(config: TagConfig): string | undefined;
  /** Change it to reload the list (after a publish elsewhere). */
  refreshKey?: unknown;
  /** How often the list is reloaded while shown, so "(live)" stays true, in ms. Default 30,000. */
  refreshMs?: number;
}

/** The site's published versions, newest first, each older one with one-click rollback. */
export function VersionHistory({ client, site, onRolledBack, onPull, pullWarning, refreshKey, refreshMs = 30_000 }: VersionHistoryProps) {
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  // The history comes in pages, newest first; this is where the next (older) page starts.
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [pending, setPending] = useState<{ config: TagConfig; warning: string } | undefined>();
  // A rollback changes what every visitor's page sends: it is confirmed first.
  const [rollbackTo, setRollbackTo] = useState<VersionSummary | undefined>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), [pending, rollbackTo]);

  const load = useCallback(async () => {
    const result = await client.listVersions(site);
    if (result.ok) {
      setVersions(result.value.versions);
      setNextBefore(result.value.nextBefore);
    } else {
      setProblem(describeRegistryError(result.error));
    }
    return result;
  }, [client, site]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  useEffect(() => {
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [load, refreshMs]);

  const loadMore = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    const result = await client.listVersions(site, { before: nextBefore });
    if (result.ok) {
      setVersions((shown) => [...(shown ?? []), ...result.value.versions]);
      setNextBefore(result.value.nextBefore);
    } else {
      setProblem(describeRegistryError(result.error));
    }
    setBusy(false);
  };

  const rollback = async (revision: number) => {
    setRollbackTo(undefined);
    setBusy(true);
    setStatus('');
    setProblem('');
    // The base makes a rollback on a stale list fail instead of undoing someone's publish.
    const result = await client.rollback(site, revision, { baseRevision: versions?.[0]?.revision ?? 0 });
    if (result.ok) {
      setStatus(`Rolled back: revision ${result.value.revision} is live, a copy of revision ${revision}.`);
      onRolledBack?.(result.value.revision);
    } else if (result.error.kind === 'conflict') {
      setProblem(`Revision ${result.error.currentRevision} was published meanwhile; the list is updated. Roll back again if it is still needed.`);
    } else {
      setProblem(describeRegistryError(result.error));
    }
    await load();
    setBusy(false);
  };

  const pull = async () => {
    if (!onPull) return;
    setBusy(true);
    setStatus('');
    setProblem('');
    const result = await client.getLive(site);
    if (!result.ok) setProblem(describeRegistryError(result.error));
    else if (!result.value) setStatus('Nothing is published for this site yet.');
    else {
      const warning = pullWarning?.(result.value);
      if (warning) setPending({ config: result.value, warning });
      else await applyPull(result.value);
    }
    setBusy(false);
  };

  const applyPull = async (config: TagConfig) => {
    setPending(undefined);
    await onPull?.(config);
    setStatus(`Loaded live revision ${config.revision} (${config.tags.length} tags) into the drafts.`);
  };

  return (
    <section aria-labelledby="history-heading" class="version-history">
      <h2 id="history-heading">Published versions</h2>
      {onPull && (
        <button type="button" disabled={busy} onClick={() => void pull()}>
          Pull live into drafts
        </button>
      )}
      {pending && (
        <div
          role="alertdialog"
          aria-labelledby="pull-confirm-text"
          class="pull-confirm"
          onKeyDown={(e) => e.key === 'Escape' && setPending(undefined)}
        >
          <p id="pull-confirm-text">{pending.warning}</p>
          <div class="actions">
            <button type="button" ref={confirmRef} onClick={() => void applyPull(pending.config)}>
              Replace my drafts with revision {pending.config.revision}
            </button>
            <button type="button" onClick={() => setPending(undefined)}>
              Keep my drafts
            </button>
          </div>
        </div>
      )}
      {!versions && !problem && <p role="status">Loading the history…</p>}
      {versions && versions.length === 0 && <p>Nothing is published for this site yet.</p>}
      {versions && versions.length > 0 && (
        <ol class="versions">
          {versions.map((version, index) => (
            <li key={version.revision} class="version" data-live={index === 0 ? 'true' : undefined}>
              <span class="version-title">
                Revision {version.revision}
                {index === 0 && <span class="version-live"> (live)</span>}
              </span>
              <span class="version-meta">
                {formatDate(version.publishedAt)} by {version.author}, {version.tagCount} tag{version.tagCount === 1 ? '' : 's'}
              </span>
              {version.message && <span class="version-message">{version.message}</span>}
              {index > 0 && (
                <button type="button" disabled={busy} onClick={() => setRollbackTo(version)}>
                  Roll back to revision {version.revision}
                </button>
              )}
              {rollbackTo?.revision === version.revision && (
                <div role="alertdialog" aria-labelledby="rollback-confirm-text" class="pull-confirm" onKeyDown={(e) => e.key === 'Escape' && setRollbackTo(undefined)}>
                  <p id="rollback-confirm-text">
                    Roll the live site back to revision {version.revision}? Every visitor's page then sends its {version.tagCount} tag
                    {version.tagCount === 1 ? '' : 's'} instead of revision {versions[0]!.revision}'s {versions[0]!.tagCount}. The history keeps every version.
                  </p>
                  <div class="actions">
                    <button type="button" ref={confirmRef} onClick={() => void rollback(version.revision)}>
                      Roll back now
                    </button>
                    <button type="button" onClick={() => setRollbackTo(undefined)}>
                      Keep revision {versions[0]!.revision}
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {versions && nextBefore !== null && (
        <button type="button" disabled={busy} onClick={() => void loadMore()}>
          Load older versions
        </button>
      )}
      <Outcome status={status} problem={problem} />
    </section>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
