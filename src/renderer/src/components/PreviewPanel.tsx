/**
 * The preview panel under the graph: the staged go get command, what it would do to the build
 * list (each move with its reason), the go.mod diff and go.sum lines it would write, what go
 * would print, and the buttons that apply it, discard it, or undo the last apply.
 */
import { useState, type JSX } from 'react';
import type { WhatIfPreviewDto } from '../../../shared/ipc/contract';
import { useAppStore } from '../store/app-store';
import { ChangeList } from './ChangeList';

function commandOf(staged: readonly string[], upgrade: string): string {
  const flag = upgrade === 'upgrade' ? ['-u'] : upgrade === 'patch' ? ['-u=patch'] : [];
  return ['go', 'get', ...flag, ...staged].join(' ');
}

function DiffView({ diff }: { diff: string }): JSX.Element {
  return (
    <pre className="diff" data-testid="whatif-diff">
      {diff
        .split('\n')
        .filter((l, i, all) => l !== '' || i < all.length - 1)
        .map((l, i) => (
          <span key={i} className={l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : l.startsWith('@@') ? 'hunk' : undefined}>
            {i > 0 ? '\n' : ''}
            {l}
          </span>
        ))}
    </pre>
  );
}

function PreviewBody({ value }: { value: WhatIfPreviewDto }): JSX.Element {
  const [showOutput, setShowOutput] = useState(!value.ok);
  const moves = value.changes.length;
  return (
    <div className="preview-body">
      {!value.ok ? (
        <p className="error-text" data-testid="whatif-refused">
          go would refuse; nothing would change.
        </p>
      ) : (
        <p className="summary" data-testid="whatif-summary">
          {moves === 0 ? 'No module would move.' : `${moves} module${moves === 1 ? '' : 's'} would move`} · build list {value.buildListBefore} → {value.buildListAfter} modules · {value.goModDiff ? 'go.mod changes' : 'go.mod unchanged'}
          {value.goSumAdded.length > 0 ? ` · ${value.goSumAdded.length} go.sum line${value.goSumAdded.length === 1 ? '' : 's'} added` : ''} · {value.elapsedMs} ms
        </p>
      )}
      <div className="preview-columns">
        {moves > 0 && <ChangeList changes={value.changes} />}
        {value.goModDiff && <DiffView diff={value.goModDiff} />}
      </div>
      {value.goSumAdded.length > 0 && (
        <details className="sum-lines">
          <summary>go.sum lines go would add</summary>
          <pre data-testid="whatif-sum">{value.goSumAdded.join('\n')}</pre>
        </details>
      )}
      {value.output && (
        <details className="go-output" open={showOutput} onToggle={(e) => setShowOutput((e.target as HTMLDetailsElement).open)}>
          <summary>What go get would print</summary>
          <pre data-testid="whatif-output">{value.output}</pre>
        </details>
      )}
    </div>
  );
}

/** PreviewPanel shows the staged command and its preview; it is absent while nothing is staged. */
export function PreviewPanel(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const staged = useAppStore((s) => s.staged);
  const upgrade = useAppStore((s) => s.upgrade);
  const preview = useAppStore((s) => s.preview);
  const computing = useAppStore((s) => s.previewJob !== undefined);
  const writing = useAppStore((s) => s.writing);
  const applied = useAppStore((s) => s.applied);
  const message = useAppStore((s) => s.whatIfMessage);
  const unstage = useAppStore((s) => s.unstage);
  const setUpgrade = useAppStore((s) => s.setUpgrade);
  const discard = useAppStore((s) => s.discardPreview);
  const apply = useAppStore((s) => s.applyPreview);
  const undo = useAppStore((s) => s.undoApplied);
  const dismiss = useAppStore((s) => s.dismissWhatIfMessage);
  const canUndo = applied !== undefined && graph?.dir === applied.dir;
  const active = staged.length > 0 || upgrade !== '' || preview.kind !== 'idle' || computing;
  if (!active && !message && !canUndo) return null;
  // The last answer stays in the store while the next is computed (the graph keeps its marks),
  // but it no longer describes the command shown here.
  const state = computing ? 'loading' : preview.kind;
  const ready = !computing && preview.kind === 'ready' ? preview.value : undefined;
  const writes = ready?.ok === true && (ready.goModDiff !== '' || ready.goSumAdded.length > 0);
  return (
    <section className="preview-panel" data-testid="whatif-panel" data-state={state} data-base={ready?.base} aria-label="What-if preview">
      <header>
        <b>What if</b>
        {active && (
          <code className="command" data-testid="whatif-command">
            {commandOf(staged, upgrade)}
          </code>
        )}
        <span className="spacer" />
        {computing && (
          <span className="muted" data-testid="whatif-computing">
            Computing… <button onClick={discard}>Cancel</button>
          </span>
        )}
        {active && (
          <>
            <button className="primary" data-testid="whatif-apply" disabled={!writes || writing} onClick={() => void apply()} title={writes ? 'Write go.mod and go.sum as go get would' : 'Nothing to write'}>
              {writing ? 'Writing…' : 'Apply to go.mod'}
            </button>
            <button data-testid="whatif-discard" onClick={discard} disabled={writing}>
              Discard
            </button>
          </>
        )}
        {canUndo && !active && (
          <button data-testid="whatif-undo" disabled={writing} onClick={() => void undo()} title={`Put back go.mod and go.sum as they were before ${applied.command}`}>
            Undo {applied.command}
          </button>
        )}
      </header>
      {(staged.length > 1 || (staged.length > 0 && upgrade !== '')) && (
        <div className="chips" aria-label="Arguments of the command">
          {staged.map((a) => (
            <span className="chip" key={a}>
              {a}
              <button className="icon" aria-label={`Remove ${a} from the command`} onClick={() => void unstage(a)}>
                ✕
              </button>
            </span>
          ))}
          {upgrade !== '' && (
            <span className="chip">
              {upgrade === 'upgrade' ? '-u' : '-u=patch'}
              <button className="icon" aria-label="Remove the -u flag" onClick={() => void setUpgrade('')}>
                ✕
              </button>
            </span>
          )}
        </div>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'error-text message' : 'ok-text message'} data-testid="whatif-message" role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          <button className="icon" aria-label="Dismiss" onClick={dismiss}>
            ✕
          </button>
        </p>
      )}
      {!computing && preview.kind === 'error' && <p className="error-text">{preview.message}</p>}
      {ready && <PreviewBody value={ready} />}
    </section>
  );
}
