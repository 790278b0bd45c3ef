// Renders go.mod and go.work files from small specs, varying the layout (blocks or single lines,
// comments, directive order) so that the parser under test sees more than one formatting.
import type { Prng } from './prng';

/** Requirement is one require line. */
export interface Requirement {
  readonly path: string;
  readonly version: string;
  readonly indirect?: boolean;
}

/** Replacement is one replace line; a new side without version is a directory path. */
export interface Replacement {
  readonly oldPath: string;
  readonly oldVersion?: string;
  readonly newPath: string;
  readonly newVersion?: string;
}

/** GoModSpec is the content of a go.mod file. */
export interface GoModSpec {
  readonly module: string;
  readonly go?: string;
  readonly toolchain?: string;
  readonly godebug?: readonly string[];
  readonly require?: readonly Requirement[];
  readonly exclude?: readonly { path: string; version: string }[];
  readonly replace?: readonly Replacement[];
  readonly retract?: readonly string[];
  /** raw lines are appended verbatim (directives that only a lax parser accepts, for example). */
  readonly raw?: readonly string[];
}

/** GoWorkSpec is the content of a go.work file. */
export interface GoWorkSpec {
  readonly go?: string;
  readonly toolchain?: string;
  readonly use: readonly string[];
  readonly replace?: readonly Replacement[];
}

function replaceLine(r: Replacement): string {
  const left = r.oldVersion ? `${r.oldPath} ${r.oldVersion}` : r.oldPath;
  const right = r.newVersion ? `${r.newPath} ${r.newVersion}` : r.newPath;
  return `${left} => ${right}`;
}

function block(keyword: string, lines: readonly string[], r: Prng | undefined): string[] {
  if (lines.length === 0) return [];
  const asBlock = lines.length > 1 ? !r || r.float() < 0.85 : !!r && r.float() < 0.3;
  if (asBlock) return [`${keyword} (`, ...lines.map((l) => `\t${l}`), ')', ''];
  return [...lines.map((l) => `${keyword} ${l}`), ''];
}

/**
 * renderGoMod prints a go.mod file.
 *
 * With a Prng the layout varies (block or single-line directives, direct and indirect requirements
 * split or mixed, a leading comment); without one the output is canonical, like gofmt'd go.mod.
 */
export function renderGoMod(spec: GoModSpec, r?: Prng): string {
  const out: string[] = [];
  if (r?.chance(0.1)) out.push('// Generated for the gomodx differential tests.');
  out.push(`module ${spec.module}`, '');
  if (spec.go !== undefined) out.push(`go ${spec.go}`, '');
  if (spec.toolchain !== undefined) out.push(`toolchain ${spec.toolchain}`, '');
  if (spec.godebug?.length) out.push(...block('godebug', spec.godebug, r));
  const reqLine = (q: Requirement): string =>
    `${q.path} ${q.version}${q.indirect ? ' // indirect' : ''}`;
  const reqs = spec.require ?? [];
  if (r?.chance(0.5)) {
    out.push(...block('require', reqs.filter((q) => !q.indirect).map(reqLine), r));
    out.push(...block('require', reqs.filter((q) => q.indirect).map(reqLine), r));
  } else {
    out.push(...block('require', reqs.map(reqLine), r));
  }
  const tail: string[][] = [
    block('exclude', (spec.exclude ?? []).map((e) => `${e.path} ${e.version}`), r),
    block('replace', (spec.replace ?? []).map(replaceLine), r),
    block('retract', spec.retract ?? [], r),
  ];
  if (r?.chance(0.2)) tail.reverse();
  for (const t of tail) out.push(...t);
  if (spec.raw?.length) out.push(...spec.raw, '');
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** renderGoWork prints a go.work file. */
export function renderGoWork(spec: GoWorkSpec, r?: Prng): string {
  const out: string[] = [];
  if (spec.go !== undefined) out.push(`go ${spec.go}`, '');
  if (spec.toolchain !== undefined) out.push(`toolchain ${spec.toolchain}`, '');
  out.push(...block('use', spec.use, r));
  out.push(...block('replace', (spec.replace ?? []).map(replaceLine), r));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
