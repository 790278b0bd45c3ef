/** The focus chip: what the graph is narrowed to, and the way back to the whole graph. */
import type { JSX } from 'react';
import { useAppStore } from '../store/app-store';
import { selectWhyFocus } from '../store/shown-view';

/** FocusChip floats over the graph while a focus (or, on a large project, a why view) is active. */
export function FocusChip(): JSX.Element | null {
  const focus = useAppStore((s) => s.focus);
  const whyFocus = useAppStore(selectWhyFocus);
  const mode = useAppStore((s) => s.mode);
  const clearFocus = useAppStore((s) => s.clearFocus);
  const select = useAppStore((s) => s.select);
  const shown = focus ?? whyFocus;
  if (!shown) return null;
  const back = focus ? 'Show the whole graph (Esc)' : `Back to the ${mode === 'overview' ? 'overview' : 'whole graph'} (Esc)`;
  return (
    <div className="chip focus-chip" data-testid="focus-chip" data-mode={shown.mode} role="status">
      {shown.mode === 'paths' ? 'Paths from main to ' : shown.mode === 'why' ? 'Why ' : 'Around '}
      <b>{shown.id}</b>
      <button className="icon" aria-label={back} title={back} onClick={() => (focus ? clearFocus() : select(undefined))}>
        ✕
      </button>
    </div>
  );
}
