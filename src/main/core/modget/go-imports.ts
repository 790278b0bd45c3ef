/**
 * Reading the import declarations of a Go source file, as go/build does before it decides
 * which packages a package needs: the package clause, then import declarations, up to the
 * first other declaration. Comments, semicolons, named, dot and blank imports are handled;
 * build constraints are not evaluated except for the "ignore" tag that no build satisfies.
 */

/** GoFileHeader is what a .go file says about its package and imports. */
export interface GoFileHeader {
  readonly packageName: string;
  readonly imports: readonly string[];
  /** True for a file constrained by the "ignore" build tag (never part of a build). */
  readonly ignored: boolean;
}

type Token = { kind: 'ident' | 'string' | 'punct'; text: string } | { kind: 'eof'; text: '' };

function tokenize(src: string, onComment: (c: string) => void): () => Token {
  let i = 0;
  return () => {
    for (;;) {
      while (i < src.length && /[ \t\r\n;]/.test(src[i]!)) i++;
      if (src.startsWith('//', i)) {
        const end = src.indexOf('\n', i);
        onComment(src.slice(i, end < 0 ? src.length : end));
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (src.startsWith('/*', i)) {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? src.length : end + 2;
        continue;
      }
      break;
    }
    if (i >= src.length) return { kind: 'eof', text: '' };
    const c = src[i]!;
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      i = j + 1;
      return { kind: 'string', text: s };
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const s = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
      return { kind: 'string', text: s };
    }
    if (/[\p{L}_\p{Nd}]/u.test(c)) {
      let j = i;
      while (j < src.length && /[\p{L}_\p{Nd}]/u.test(src[j]!)) j++;
      const text = src.slice(i, j);
      i = j;
      return { kind: 'ident', text };
    }
    i++;
    return { kind: 'punct', text: c };
  };
}

/** parseGoFileHeader reads the package clause and imports of src; undefined if it has none. */
export function parseGoFileHeader(src: string): GoFileHeader | undefined {
  let ignored = false;
  let beforePackage = true;
  const next = tokenize(src, (c) => {
    if (beforePackage && /^\/\/(go:build|\s*\+build)\s/.test(c) && /(^|[\s(!&|,])ignore($|[\s)&|,])/.test(c.replace(/^\/\/(go:build|\s*\+build)/, ''))) {
      ignored = true;
    }
  });
  let t = next();
  if (t.kind !== 'ident' || t.text !== 'package') return undefined;
  beforePackage = false;
  t = next();
  if (t.kind !== 'ident') return undefined;
  const packageName = t.text;
  const imports: string[] = [];
  const importSpec = (tok: Token): Token => {
    let cur = tok;
    if (cur.kind === 'ident' || (cur.kind === 'punct' && cur.text === '.')) cur = next();
    if (cur.kind === 'string') imports.push(cur.text);
    return next();
  };
  t = next();
  while (t.kind === 'ident' && t.text === 'import') {
    t = next();
    if (t.kind === 'punct' && t.text === '(') {
      t = next();
      while (!(t.kind === 'punct' && t.text === ')') && t.kind !== 'eof') t = importSpec(t);
      t = next();
    } else {
      t = importSpec(t);
    }
  }
  return { packageName, imports, ignored };
}

/** isGoSourceForBuild reports whether a file name is a non-test .go file go/build would read. */
export function isGoSourceForBuild(name: string): boolean {
  return name.endsWith('.go') && !name.endsWith('_test.go') && !name.startsWith('_') && !name.startsWith('.');
}
