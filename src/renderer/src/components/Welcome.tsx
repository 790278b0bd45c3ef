/** The start page: open a folder (dialog, typed path, drop), recent projects, the example. */
import { useState, type FormEvent, type JSX } from 'react';
import { useAppStore } from '../store/app-store';

function ago(iso: string): string {
  const ms = Date.now() - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const min = Math.round(ms / 60000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Welcome is shown when no project is open. */
export function Welcome(): JSX.Element {
  const info = useAppStore((s) => s.info);
  const recent = useAppStore((s) => s.recent);
  const open = useAppStore((s) => s.open);
  const pickFolder = useAppStore((s) => s.pickFolder);
  const forgetRecent = useAppStore((s) => s.forgetRecent);
  const [path, setPath] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) void open({ kind: 'dir', dir: path.trim() });
  };
  return (
    <main className="welcome" data-testid="welcome">
      <h1>Go Module Explorer</h1>
      <p className="tagline">The module graph of a Go project, selected exactly as the go command selects it.</p>
      <section className="open-box">
        {info?.canPickFolder && (
          <button className="primary" data-testid="open-folder" onClick={() => void pickFolder()}>
            Open a project folder…
          </button>
        )}
        <form onSubmit={submit} className="path-form">
          <input
            data-testid="path-input"
            type="text"
            placeholder="/path/to/a/go/project (the folder with go.mod or go.work)"
            aria-label="Project folder path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" data-testid="open-path" disabled={!path.trim()}>
            Open
          </button>
        </form>
        {info?.canDropFolders && <p className="muted">or drop a folder on this window</p>}
        {info?.exampleAvailable && (
          <button data-testid="open-example" onClick={() => void open({ kind: 'example' })}>
            Open the example project
          </button>
        )}
        {info?.exampleAvailable && <p className="muted small">A small project with excludes, replacements, a /v2 twin, pruned and unpruned modules, lost versions and a +incompatible one. Its modules come with the app: no network needed.</p>}
      </section>
      <section className="recent" data-testid="recent">
        <h2>Recent projects</h2>
        {recent.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="plain">
            {recent.map((r) => (
              <li key={r.dir}>
                <button className="recent-item" onClick={() => void open({ kind: 'dir', dir: r.dir })} title={r.dir}>
                  <b>{r.name}</b>
                  <span className="muted">{r.dir}</span>
                </button>
                <span className="muted small">{ago(r.openedAt)}</span>
                <button className="icon" aria-label={`Forget ${r.dir}`} title="Remove from the list" onClick={() => void forgetRecent(r.dir)}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
