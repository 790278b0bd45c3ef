import type { ModuleVersion } from '../../../shared/model/module-version';
import { InvalidVersionError, ModuleError, versionError } from '../modpath/module-errors';

/** formatModule prints m as the go command does: "path@version", or "path" for a main module. */
export function formatModule(m: ModuleVersion): string {
  return m.version === '' ? m.path : `${m.path}@${m.version}`;
}

/**
 * BuildListError is an error found while loading the module graph, with the requirement chain
 * that led to the failing module (mvs.BuildListError): "a@v1 requires\n\tb@v2: reason".
 */
export class BuildListError extends Error {
  readonly chain: readonly ModuleVersion[];
  readonly err: Error;

  constructor(err: Error, chain: readonly ModuleVersion[], isVersionChange?: (from: ModuleVersion, to: ModuleVersion) => boolean) {
    super(renderChain(err, chain, isVersionChange), { cause: err });
    this.name = 'BuildListError';
    this.chain = chain;
    this.err = err;
  }

  /** failing is the module whose go.mod could not be loaded. */
  get failing(): ModuleVersion {
    return this.chain[this.chain.length - 1];
  }
}

function renderChain(err: Error, chain: readonly ModuleVersion[], isVersionChange?: (a: ModuleVersion, b: ModuleVersion) => boolean): string {
  // Main modules (version "") head the chain but are not printed: go names the first dependency.
  let start = 0;
  while (start < chain.length && chain[start].version === '') start++;
  const stack = chain.slice(start);
  if (stack.length === 0) return err.message;
  let out = '';
  for (let i = 0; i < stack.length - 1; i++) {
    const reason = isVersionChange?.(stack[i], stack[i + 1]) ? 'updating to' : 'requires';
    out += `${formatModule(stack[i])} ${reason}\n\t`;
  }
  const last = stack[stack.length - 1];
  if (err instanceof ModuleError && err.kind === 'module') {
    let actualVersion = err.version;
    if (err.err instanceof InvalidVersionError) actualVersion = err.err.version;
    if (err.path === last.path && actualVersion === last.version) {
      out += err.message;
    } else {
      out += `${formatModule(last)} (replaced by ${formatModule({ path: err.path, version: actualVersion })}): ${err.err.message}`;
    }
  } else {
    out += versionError(last, err).message;
  }
  return out;
}
