/**
 * An expandable requirement tree under a module version: who requires it (up to the main
 * modules) or what it requires. Branches open on click, so a thousand-module graph costs only
 * what is opened; long lists show their first entries and a button for the rest.
 */
import { useMemo, useState, type JSX } from 'react';
import type { GraphIndex } from '../graph/visible-graph';
import { treeChildren, type TreeDirection } from '../graph/requirement-tree';
import { useAppStore } from '../store/app-store';

const SHOWN = 40;

function Branch({ index, id, dir, branch }: { index: GraphIndex; id: string; dir: TreeDirection; branch: readonly string[] }): JSX.Element {
  const reveal = useAppStore((s) => s.reveal);
  const [all, setAll] = useState(false);
  const children = useMemo(() => treeChildren(index, id, dir, branch), [index, id, dir, branch]);
  const path = useMemo(() => [...branch, id], [branch, id]);
  const shown = all ? children : children.slice(0, SHOWN);
  return (
    <ul className="tree">
      {shown.map((c) => {
        const lost = index.byId.get(c.id)?.selected === false;
        const link = (
          <button className={lost ? 'link lost' : 'link'} onClick={() => reveal(c.id)} title={c.id}>
            {c.id}
          </button>
        );
        if (c.cycle) {
          return (
            <li key={c.id}>
              {link} <span className="muted small">(cycle)</span>
            </li>
          );
        }
        if (!c.expandable) return <li key={c.id} className="leaf">{link}</li>;
        return (
          <li key={c.id}>
            <Expandable label={link}>{() => <Branch index={index} id={c.id} dir={dir} branch={path} />}</Expandable>
          </li>
        );
      })}
      {!all && children.length > SHOWN && (
        <li>
          <button className="link" onClick={() => setAll(true)}>
            {children.length - SHOWN} more…
          </button>
        </li>
      )}
    </ul>
  );
}

function Expandable({ label, children }: { label: JSX.Element; children: () => JSX.Element }): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="twisty" aria-expanded={open} aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      {open && children()}
    </>
  );
}

/** RequirementTree is the tree of id's requirers or requirements in the loaded graph. */
export function RequirementTree({ index, id, dir }: { index: GraphIndex; id: string; dir: TreeDirection }): JSX.Element {
  const root = useMemo(() => [] as string[], []);
  return (
    <div className="requirement-tree" data-testid={`tree-${dir}`}>
      <Branch index={index} id={id} dir={dir} branch={root} />
    </div>
  );
}
