/** The focus chip: what the graph is narrowed to, and the way back to the whole graph. */
import type { JSX } from 'react';
import { useAppStore } from '../store/app-store';

/** FocusChip floats over the graph while a focus is active. */
export function FocusChip(): JSX.Element | null {
  const focus = useAppStore((s) => s.focus);
  const clearFocus = useAppStore((s) => s.clearFocus);
  if (!focus) return null;
  return (
    <div className="chip focus-chip" data-testid="focus-chip" role="status">
      {focus.mode === 'paths' ? 'Paths from main to ' : 'Around '}
      <b>{focus.id}</b>
      <button className="icon" aria-label="Show the whole graph" title="Show the whole graph (Esc)" onClick={() => clearFocus()}>
        ✕
      </button>
    </div>
  );
}
