/**
 * Package patterns as the go command reads them (cmd/internal/pkgpattern and the parts of
 * cmd/go/internal/search that go get needs): "..." matches any string, a trailing "/..." also
 * matches the empty string, and "..." never reaches into a vendor directory (a "vendor" element
 * that is not the last one cannot be matched by a wildcard).
 */

/** A character that cannot occur in a package path: stands for a non-trailing "vendor" element. */
const VENDOR_CHAR = '\x00';

function quoteMeta(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** replaceVendor replaces every non-trailing "vendor" element of x by repl. */
function replaceVendor(x: string, repl: string): string {
  if (!x.includes('vendor')) return x;
  const elem = x.split('/');
  for (let i = 0; i < elem.length - 1; i++) if (elem[i] === 'vendor') elem[i] = repl;
  return elem.join('/');
}

/** matchPattern returns a predicate telling whether a package path matches pattern. */
export function matchPattern(pattern: string): (name: string) => boolean {
  if (pattern.includes(VENDOR_CHAR) || pattern.includes('\\')) return () => false;
  let re = replaceVendor(quoteMeta(pattern), VENDOR_CHAR);
  const dots = '/\\.\\.\\.';
  if (re.endsWith(`/${VENDOR_CHAR}${dots}`)) re = re.slice(0, -(dots.length + 2)) + `(/vendor|/${VENDOR_CHAR}${dots})`;
  else if (re === VENDOR_CHAR + dots) re = `(/vendor|/${VENDOR_CHAR}${dots})`;
  else if (re.endsWith(dots)) re = re.slice(0, -dots.length) + `(${dots})?`;
  re = re.split('\\.\\.\\.').join(`[^${VENDOR_CHAR}]*`);
  const reg = new RegExp(`^${re}$`, 's');
  return (name) => !name.includes(VENDOR_CHAR) && reg.test(replaceVendor(name, VENDOR_CHAR));
}

function hasPathPrefix(s: string, prefix: string): boolean {
  if (s.length === prefix.length) return s === prefix;
  if (s.length < prefix.length) return false;
  if (prefix !== '' && prefix.endsWith('/')) return s.startsWith(prefix);
  return s[prefix.length] === '/' && s.startsWith(prefix);
}

/**
 * treeCanMatchPattern returns a predicate telling whether some path below name (or name
 * itself) could match pattern: directory walks use it to prune.
 */
export function treeCanMatchPattern(pattern: string): (name: string) => boolean {
  const i = pattern.indexOf('...');
  const wildCard = i >= 0;
  const prefix = wildCard ? pattern.slice(0, i) : pattern;
  return (name) => (name.length <= prefix.length && hasPathPrefix(prefix, name)) || (wildCard && name.startsWith(prefix));
}

/** isLocalPattern tells whether a pattern names directories (search.IsRelativePath or absolute). */
export function isLocalPattern(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/');
}

/** isMetaPackage tells whether p is one of the go command's reserved patterns. */
export function isMetaPackage(p: string): boolean {
  return p === 'std' || p === 'cmd' || p === 'all' || p === 'tool' || p === 'work';
}

/** isStandardImportPath reports whether p looks like a standard library path (no dot in its first element). */
export function isStandardImportPath(p: string): boolean {
  const i = p.indexOf('/');
  return !(i < 0 ? p : p.slice(0, i)).includes('.');
}
