/** How old a vulnerability database is, said in one line (the user must know what they look at). */

/** DbState is what is known of the database in use. */
export interface DbState {
  /** origin names the database: a URL, or golang.org/x/vulndb@version via a proxy. */
  readonly origin: string;
  /** modified is the database's own modified time (RFC 3339), when it says one. */
  readonly modified?: string;
  /** fetchedAt is when gomodx last got it from origin (RFC 3339). */
  readonly fetchedAt: string;
  /** note says why a cached copy is used (an unreachable origin), when one is. */
  readonly note?: string;
}

function ago(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 90) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** ageLine says where the database comes from, when it was last modified and last fetched. */
export function ageLine(s: DbState, now: Date): string {
  const parts = [`vulnerability database ${s.origin}`];
  if (s.modified && Date.parse(s.modified) > 0) parts.push(`modified ${s.modified.slice(0, 10)} (${ago(now.getTime() - Date.parse(s.modified))})`);
  parts.push(`fetched ${ago(now.getTime() - Date.parse(s.fetchedAt))}`);
  let line = parts.join(', ');
  if (s.note) line += `; ${s.note}`;
  return line;
}
