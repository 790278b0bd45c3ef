/**
 * The module list beside the graph: every module of the build, filtered and sorted, kept in step
 * with the graph's selection. Virtualised, because real builds list up to a few thousand modules.
 */
import { useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { moduleRows, queryRows, rowOfSelection, type ListSort, type ModuleRow } from '../graph/module-list';
import { useAppStore } from '../store/app-store';
import { selectVulnByNodeMemo } from '../store/vuln-slice';

// Rows have one fixed height (two lines, see .module-row in styles.css): measuring each row would
// cost a layout per row while scrolling thousands of them.
const ROW_HEIGHT = 42;
const rowDomId = (i: number): string => `module-list-row-${i}`;

function Row({ row, index, start, selected, cursor, onPick, vulns }: { row: ModuleRow; index: number; start: number; selected: boolean; cursor: boolean; onPick: (row: ModuleRow) => void; vulns: number }): JSX.Element {
  return (
    <div
      id={rowDomId(index)}
      role="option"
      className={cursor ? 'module-row cursor' : 'module-row'}
      data-testid="module-row"
      data-id={row.id}
      aria-selected={selected}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onPick(row)}
    >
      <span className="module-row-path" title={row.id}>
        {row.path}
      </span>
      <span className="module-row-meta">
        {row.version && (
          <span className="module-row-version" title={row.version}>
            {row.version}
          </span>
        )}
        <span className={`badge ${row.dependency}`}>{row.dependency === 'main' ? 'main module' : row.dependency}</span>
        {row.replaced && <span className="badge replaced">replaced</span>}
        {vulns > 0 && (
          <span className="badge vulnerable" data-testid="module-row-vuln" title={`${vulns} known vulnerabilit${vulns === 1 ? 'y' : 'ies'} in this version`}>
            ⚠ {vulns}
          </span>
        )}
        {row.excluded > 0 && (
          <span className="badge excluded" title={`A main go.mod excludes ${row.excluded} version${row.excluded === 1 ? '' : 's'} of this module`}>
            excluded {row.excluded}
          </span>
        )}
        <span className="spacer" />
        {row.dependency !== 'main' && (
          <span className="module-row-count" title="Module versions in the graph that require the selected version">
            {row.requirers} {row.requirers === 1 ? 'requirer' : 'requirers'}
          </span>
        )}
        {row.lost > 0 && (
          <span className="module-row-count lost" title="Versions of this module in the graph that lost to the selected one">
            {row.lost} lost
          </span>
        )}
      </span>
    </div>
  );
}

function ModuleListPanel({ graph }: { graph: ModuleGraphDto }): JSX.Element {
  const selectedId = useAppStore((s) => s.selectedId);
  const reveal = useAppStore((s) => s.reveal);
  const vulnByNode = useAppStore(selectVulnByNodeMemo);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<ListSort>('name');
  const [directOnly, setDirectOnly] = useState(false);
  // The keyboard cursor is kept by path so it stays on its module when the filter or sort changes.
  const [cursorPath, setCursorPath] = useState<string>();
  const scroller = useRef<HTMLDivElement>(null);

  const all = useMemo(() => moduleRows(graph), [graph]);
  const rows = useMemo(() => queryRows(all, { filter, sort, directOnly }), [all, filter, sort, directOnly]);
  const selectedRow = useMemo(() => rowOfSelection(graph, rows, selectedId), [graph, rows, selectedId]);
  const cursor = cursorPath === undefined ? -1 : rows.findIndex((r) => r.path === cursorPath);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // A selection made elsewhere (graph, search, a link in the details) brings its row into view.
  useEffect(() => {
    if (selectedRow < 0) return;
    setCursorPath(rows[selectedRow].path);
    virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedId, selectedRow, rows]);

  const pick = (row: ModuleRow): void => {
    setCursorPath(row.path);
    reveal(row.id);
  };
  const moveTo = (i: number): void => {
    if (rows.length === 0) return;
    const j = Math.max(0, Math.min(rows.length - 1, i));
    setCursorPath(rows[j].path);
    virtualizer.scrollToIndex(j, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKey = (e: KeyboardEvent, inFilter: boolean): void => {
    const from = cursor >= 0 ? cursor : selectedRow;
    if (e.key === 'ArrowDown') moveTo(from + 1);
    else if (e.key === 'ArrowUp') moveTo(from < 0 ? 0 : from - 1);
    else if (e.key === 'Enter' && rows[from]) pick(rows[from]);
    else if (!inFilter && e.key === 'PageDown') moveTo(from + page);
    else if (!inFilter && e.key === 'PageUp') moveTo(from - page);
    else if (!inFilter && e.key === 'Home') moveTo(0);
    else if (!inFilter && e.key === 'End') moveTo(rows.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <aside className="module-list" data-testid="module-list" aria-label="Modules">
      <header>
        <input
          type="search"
          data-testid="module-list-filter"
          placeholder="Filter modules"
          aria-label="Filter modules by path"
          aria-controls="module-list-rows"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => onKey(e, true)}
        />
        <div className="module-list-options">
          <select aria-label="Sort modules" data-testid="module-list-sort" value={sort} onChange={(e) => setSort(e.target.value as ListSort)}>
            <option value="name">Sort: path</option>
            <option value="requirers">Sort: most requirers</option>
            <option value="lost">Sort: most lost versions</option>
          </select>
          <label className="toggle" title="Only the modules a main go.mod requires directly">
            <input type="checkbox" data-testid="module-list-direct" checked={directOnly} onChange={(e) => setDirectOnly(e.target.checked)} />
            direct only
          </label>
          <span className="spacer" />
          <span className="muted" data-testid="module-list-count">
            {rows.length === all.length ? all.length : `${rows.length} of ${all.length}`}
          </span>
        </div>
      </header>
      <div
        ref={scroller}
        id="module-list-rows"
        className="module-list-scroll"
        role="listbox"
        aria-label="Modules of the build"
        tabIndex={0}
        aria-activedescendant={cursor >= 0 ? rowDomId(cursor) : undefined}
        onKeyDown={(e) => onKey(e, false)}
      >
        {rows.length === 0 ? (
          <p className="muted module-list-empty">No module matches.</p>
        ) : (
          <div className="module-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => (
              <Row key={rows[v.index].path} row={rows[v.index]} index={v.index} start={v.start} selected={v.index === selectedRow} cursor={v.index === cursor} onPick={pick} vulns={vulnByNode.get(rows[v.index].id)?.length ?? 0} />
            ))}
          </div>
        )}
      </div>
    </aside>
  );
}

/** ModuleList is the left side panel, when the user has it open and there is a graph to list. */
export function ModuleList(): JSX.Element | null {
  const graph = useAppStore((s) => s.graph);
  const open = useAppStore((s) => s.listOpen);
  if (!open || !graph || graph.nodes.length === 0) return null;
  return <ModuleListPanel graph={graph} />;
}
