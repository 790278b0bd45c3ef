/*
 * Slash-separated path helpers with the semantics of Go's path/filepath on Unix, kept here so
 * that core code needs no node:path. Windows paths are out of scope for now.
 */

/** isAbsolutePath reports whether p is rooted. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/');
}

/** cleanPath is filepath.Clean: collapse "//", ".", and ".." lexically. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** cleanJoin is filepath.Join. */
export function cleanJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? '' : cleanPath(nonEmpty.join('/'));
}

/** dirName is filepath.Dir. */
export function dirName(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return cleanPath(p.slice(0, i + 1));
}

/** relativePath is filepath.Rel for two absolute paths. */
export function relativePath(base: string, target: string): string | undefined {
  const b = cleanPath(base).split('/').filter(Boolean);
  const t = cleanPath(target).split('/').filter(Boolean);
  let i = 0;
  while (i < b.length && i < t.length && b[i] === t[i]) i++;
  const up = b.slice(i).map(() => '..');
  const rel = up.concat(t.slice(i)).join('/');
  return rel === '' ? '.' : rel;
}

/** toDirectoryPath adds "./" to a relative path so that it reads as a directory (modload.ToDirectoryPath). */
export function toDirectoryPath(p: string): string {
  if (p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || isAbsolutePath(p)) return p;
  return './' + p;
}
