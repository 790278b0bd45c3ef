import { goTimeJson, marshalIndent, type GoJsonValue } from './go-json';

/** ModulePublic is what `go list -m` knows of one module (cmd/go/internal/modinfo). */
export interface ModulePublic {
  path: string;
  version?: string;
  query?: string;
  versions?: string[];
  replace?: ModulePublic;
  time?: string;
  update?: ModulePublic;
  main?: boolean;
  indirect?: boolean;
  dir?: string;
  goMod?: string;
  goVersion?: string;
  retracted?: string[];
  deprecated?: string;
  error?: string;
  sum?: string;
  goModSum?: string;
}

function toGoJson(m: ModulePublic): GoJsonValue {
  // Field order and omitempty follow modinfo.ModulePublic's struct tags.
  return {
    Path: m.path,
    Version: m.version || undefined,
    Query: m.query || undefined,
    Versions: m.versions && m.versions.length > 0 ? m.versions : undefined,
    Replace: m.replace ? toGoJson(m.replace) : undefined,
    Time: m.time ? goTimeJson(m.time) : undefined,
    Update: m.update ? toGoJson(m.update) : undefined,
    Main: m.main || undefined,
    Indirect: m.indirect || undefined,
    Dir: m.dir || undefined,
    GoMod: m.goMod || undefined,
    GoVersion: m.goVersion || undefined,
    Retracted: m.retracted && m.retracted.length > 0 ? m.retracted : undefined,
    Deprecated: m.deprecated || undefined,
    Error: m.error ? { Err: m.error } : undefined,
    Sum: m.sum || undefined,
    GoModSum: m.goModSum || undefined,
  };
}

/** modulePublicJson prints one module as `go list -m -json` does (with its trailing newline). */
export function modulePublicJson(m: ModulePublic): string {
  return marshalIndent(toGoJson(m)) + '\n';
}

/** modulePublicText prints one module as `go list -m` does (modinfo.ModulePublic.String). */
export function modulePublicText(m: ModulePublic): string {
  const versionString = (mm: ModulePublic): string =>
    mm.retracted && mm.retracted.length > 0 ? `${mm.version ?? ''} (retracted)` : (mm.version ?? '');
  let s = m.path;
  if (m.version) {
    s += ' ' + versionString(m);
    if (m.update) s += ` [${versionString(m.update)}]`;
  }
  if (m.deprecated) s += ' (deprecated)';
  if (m.replace) {
    s += ' => ' + m.replace.path;
    if (m.replace.version) {
      s += ' ' + versionString(m.replace);
      if (m.replace.update) s += ` [${versionString(m.replace.update)}]`;
    }
    if (m.replace.deprecated) s += ' (deprecated)';
  }
  return s;
}
