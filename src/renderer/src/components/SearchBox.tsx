/** The search box: completion over the modules on screen; Enter or a click selects and shows one. */
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { searchNodes } from '../graph/search';
import { visibleGraph } from '../graph/visible-graph';
import { useAppStore } from '../store/app-store';
import { selectViewOptions } from '../store/view-slice';

/** SearchBox finds a module by path or path@version. */
export function SearchBox(): JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const options = useAppStore(useShallow(selectViewOptions));
  const searchRequest = useAppStore((s) => s.searchRequest);
  const reveal = useAppStore((s) => s.reveal);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Closing on blur waits for a click on a result; focusing again must cancel that close.
  const closeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const candidates = useMemo(() => {
    if (!graph) return [];
    const v = visibleGraph(graph, options);
    return v.nodes.flatMap((n) => (n.kind === 'module' ? [n.node] : n.members));
  }, [graph, options]);
  const hits = useMemo(() => searchNodes(candidates, query), [candidates, query]);

  useEffect(() => {
    if (searchRequest > 0) {
      input.current?.focus();
      input.current?.select();
    }
  }, [searchRequest]);

  const choose = (id: string): void => {
    reveal(id);
    setOpen(false);
    setQuery(id);
    // The keyboard goes back to the window, so Escape leaves the view the choice opened.
    input.current?.blur();
  };

  return (
    <div className="search" role="combobox" aria-expanded={open && hits.length > 0} aria-haspopup="listbox">
      <input
        ref={input}
        data-testid="search"
        type="search"
        placeholder="Search modules (Ctrl+F)"
        aria-label="Search modules"
        aria-controls="search-results"
        value={query}
        onChange={(e) => {
          clearTimeout(closeTimer.current);
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => {
          clearTimeout(closeTimer.current);
          setOpen(true);
        }}
        onBlur={() => {
          closeTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && hits[active]) choose(hits[active].id);
          else if (e.key === 'Escape') {
            setOpen(false);
            input.current?.blur();
          } else return;
          e.preventDefault();
        }}
      />
      {open && hits.length > 0 && (
        <ul id="search-results" className="search-results" role="listbox" data-testid="search-results">
          {hits.map((h, i) => (
            <li
              key={h.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h.id);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="hit-path">{h.node.path}</span>
              {h.node.version && <span className={h.node.selected ? 'hit-version' : 'hit-version lost'}>{h.node.version}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
