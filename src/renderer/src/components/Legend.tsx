/** The legend: every mark the graph uses, drawn with the graph's own colours. */
import type { CSSProperties, JSX } from 'react';
import { PALETTES } from '../graph/styles';
import { useAppStore } from '../store/app-store';

interface Item {
  readonly label: string;
  readonly swatch: CSSProperties;
  readonly edge?: boolean;
}

/** Legend explains the marks; it folds away with the ? button. */
export function Legend(): JSX.Element | null {
  const theme = useAppStore((s) => s.theme);
  const open = useAppStore((s) => s.legendOpen);
  const toggle = useAppStore((s) => s.toggleLegend);
  const preview = useAppStore((s) => s.preview);
  if (!open) return null;
  const p = PALETTES[theme];
  const box = (extra: CSSProperties): CSSProperties => ({ background: p.indirect, border: `1px solid ${p.border}`, ...extra });
  const items: Item[] = [
    { label: 'main module', swatch: box({ background: p.main, borderColor: p.main, borderWidth: 3 }) },
    { label: 'direct dependency (selected)', swatch: box({ background: p.direct, borderWidth: 1.5 }) },
    { label: 'indirect dependency (selected)', swatch: box({}) },
    { label: 'lost version (not selected)', swatch: box({ background: p.lost, borderStyle: 'dashed', opacity: 0.55 }) },
    { label: 'excluded by go.mod', swatch: box({ borderColor: p.excluded, borderStyle: 'dashed', borderWidth: 2 }) },
    { label: 'replaced (⇒ replacement)', swatch: box({ borderColor: p.replaced, borderStyle: 'double', borderWidth: 4 }) },
    { label: 'go.mod not read (pruned)', swatch: box({ borderStyle: 'dotted', borderWidth: 2 }) },
    { label: 'failed to load', swatch: box({ background: p.failing, borderColor: p.excluded, borderWidth: 3 }) },
    { label: 'known vulnerability (red glow)', swatch: box({ boxShadow: `0 0 0 3px ${p.vulnerable}` }) },
    { label: 'go / toolchain version', swatch: box({ background: p.virtual }) },
    { label: 'module family (foo, foo/v2)', swatch: { background: p.group, border: `1px solid ${p.groupBorder}`, borderRadius: 4 } },
    { label: 'requires', swatch: { borderTop: `2px solid ${p.edge}` }, edge: true },
    { label: 'requires a lost version', swatch: { borderTop: `2px solid ${p.edgeLost}` }, edge: true },
    { label: 'asks a lost version (hidden): gets this', swatch: { borderTop: `2px dotted ${p.edge}` }, edge: true },
    { label: 'requirement removed by exclude', swatch: { borderTop: `2px dashed ${p.excluded}` }, edge: true },
  ];
  if (preview.kind === 'ready' && preview.value.ok) {
    items.push(
      { label: 'what if: would go up / be added', swatch: box({ borderColor: p.up, borderWidth: 3 }) },
      { label: 'what if: would go down', swatch: box({ borderColor: p.down, borderWidth: 3 }) },
      { label: 'what if: would be removed', swatch: box({ borderColor: p.removed, borderStyle: 'dashed', borderWidth: 3 }) },
      { label: 'what if: a version not in the graph yet', swatch: box({ borderColor: p.up, borderStyle: 'double', borderWidth: 4 }) },
      { label: 'what if: becomes', swatch: { borderTop: `2px dashed ${p.border}` }, edge: true },
    );
  }
  return (
    <div className="legend" data-testid="legend" role="note" aria-label="Legend">
      <header>
        <b>Legend</b>
        <button className="icon" aria-label="Hide the legend" onClick={toggle}>
          ✕
        </button>
      </header>
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            <span className={i.edge ? 'swatch edge' : 'swatch'} style={i.swatch} />
            {i.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
