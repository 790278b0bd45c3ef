/**
 * The list of build-list moves in the preview panel. A removal on a large project moves hundreds
 * of modules (296 on hugo for golang.org/x/net): the list shows the first page and grows on
 * request, so a preview's first frame lays out a page of rows, not all of them.
 */
import { useState, type JSX } from 'react';
import type { WhatIfChangeDto } from '../../../shared/ipc/contract';
import { useAppStore } from '../store/app-store';

const KIND_MARK: Record<WhatIfChangeDto['kind'], string> = { upgraded: '↑', downgraded: '↓', added: '+', removed: '−' };

/** CHANGES_PAGE is how many moves are listed at first, and how many more each "show more" adds. */
export const CHANGES_PAGE = 50;

function ChangeRow({ c, reveal }: { c: WhatIfChangeDto; reveal: (id: string) => void }): JSX.Element {
  const target = c.fromId ?? c.toId;
  return (
    <tr className={`change ${c.kind}`} data-testid="whatif-change" data-path={c.path} data-kind={c.kind}>
      <td className="mark" aria-label={c.kind}>
        {KIND_MARK[c.kind]}
      </td>
      <td className="path">
        {target && c.fromId ? (
          <button className="link" onClick={() => reveal(target)} title={`show ${target}`}>
            {c.path}
          </button>
        ) : (
          c.path
        )}
      </td>
      <td className="versions-cell">
        {c.kind === 'added' ? <b>{c.new}</b> : c.kind === 'removed' ? <s>{c.old}</s> : (
          <>
            {c.old} → <b>{c.new}</b>
          </>
        )}
      </td>
      <td className="reason">
        {c.reason}
        {!c.reported && <span className="muted small" title="go get's own report does not list it: it moves only inside the module graph"> (graph only)</span>}
      </td>
    </tr>
  );
}

/** ChangeList lists changes a page at a time; a new list starts again at the first page. */
export function ChangeList({ changes }: { changes: readonly WhatIfChangeDto[] }): JSX.Element {
  // One subscription for the list, not one per row: every store update runs each selector.
  const reveal = useAppStore((s) => s.reveal);
  const [limit, setLimit] = useState({ of: changes, shown: CHANGES_PAGE });
  const shown = limit.of === changes ? limit.shown : CHANGES_PAGE;
  const rest = changes.length - shown;
  return (
    <table className="changes" data-testid="whatif-changes">
      <tbody>
        {changes.slice(0, shown).map((c) => (
          <ChangeRow key={c.path} c={c} reveal={reveal} />
        ))}
        {rest > 0 && (
          <tr className="more">
            <td colSpan={4}>
              <button className="link" data-testid="whatif-more" onClick={() => setLimit({ of: changes, shown: shown + CHANGES_PAGE })}>
                Show {Math.min(rest, CHANGES_PAGE)} more
              </button>
              <span className="muted small"> ({rest} not shown)</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
