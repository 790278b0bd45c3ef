/**
 * selectToolchain works out which Go toolchain the go command would end up running for a
 * project (toolchain.Select and toolchain.Exec at startup) and what that toolchain then says of
 * itself in a TooNewError (gover.Startup). Pure: the caller supplies the local go's version, the
 * GOTOOLCHAIN value, the go.work or go.mod text and a PATH lookup.
 */
import { goCompare, goIsLang, fromToolchain } from '../gover/gover';
import { goTrimSpace } from '../gostrings/go-space';
import { NEWEST_GO, releaseKnowledge } from './go-releases';

/** goModLookup returns the value of the first `key value` line of a go.mod/go.work (gover.GoModLookup). */
export function goModLookup(data: string, key: string): string {
  for (const raw of data.split('\n')) {
    const line = goTrimSpace(raw);
    if (!line.startsWith(key)) continue;
    let s = line.slice(key.length);
    if (s.length === 0 || (s[0] !== ' ' && s[0] !== '\t')) continue;
    const c = s.indexOf('//');
    if (c >= 0) s = s.slice(0, c);
    return goTrimSpace(s);
  }
  return '';
}

/** ToolchainFile is the go.work or go.mod that toolchain selection reads (modGoToolchain). */
export interface ToolchainFile {
  /** shortPath is the file as go names it in messages (base.ShortPath). */
  readonly shortPath: string;
  readonly data: string;
}

/** SelectInput is everything selection depends on. */
export interface SelectInput {
  /** gotoolchain is GOTOOLCHAIN as cfg.Getenv sees it (environment, go env file, GOROOT/go.env). */
  readonly gotoolchain: string;
  /** Where the GOTOOLCHAIN value came from, for the explanation ("GOTOOLCHAIN=auto (default)"). */
  readonly gotoolchainFrom?: string;
  /** localVersion is the local go's version ("1.26.8"); localToolchain its name ("go1.26.8"). */
  readonly localVersion: string;
  readonly localToolchain: string;
  /** file is the go.work, else go.mod, found from the working directory. */
  readonly file?: ToolchainFile;
  /** onPath tells whether an executable of this name is on PATH (exec.LookPath). */
  readonly onPath: (name: string) => boolean;
  readonly goos: string;
  readonly goarch: string;
}

/** Selection is the toolchain the go command runs (`run`) or its refusal to start (`refuse`). */
export type Selection =
  | {
      readonly kind: 'run';
      /** version is the Go version of the toolchain that runs the command ("1.27.0"). */
      readonly version: string;
      /** toolchain is its name ("go1.27.0"). */
      readonly toolchain: string;
      /** how: the local go, a go1.X.Y found on PATH, or one the go command downloads. */
      readonly how: 'local' | 'path' | 'download';
      /** explain is what that go appends to "running go V" in a TooNewError ("; GOTOOLCHAIN=local"). */
      readonly explain: string;
      /** reason says in words why this version ("go.mod says go 1.27.0, GOTOOLCHAIN=auto: go1.27.0, downloaded"). */
      readonly reason: string;
    }
  | {
      readonly kind: 'refuse';
      /** message is go's error line without the "go: " prefix. */
      readonly message: string;
      /** gomodx is true when the refusal is gomodx's own (a Go release gomodx does not know). */
      readonly gomodx?: boolean;
    };

interface Startup {
  gotoolchain: string;
  mode: '' | 'auto' | 'path';
  /** The toolchain the go command would run, or "local". */
  chosen: string;
  autoFile: string;
  autoGoVersion: string;
  autoToolchain: string;
  /** Why the chosen toolchain, in words. */
  why: string;
}

class Refusal extends Error {}

/**
 * startup is the decision part of toolchain.Select for a go command whose own version is
 * localVersion: GOTOOLCHAIN's minimum and mode, raised by the file's toolchain and go lines.
 */
function startup(input: SelectInput, localVersion: string, localToolchain: string): Startup {
  const gotoolchain = input.gotoolchain;
  let minToolchain = localToolchain;
  let minVers = localVersion;
  let mode: Startup['mode'];
  if (gotoolchain === 'auto') mode = 'auto';
  else if (gotoolchain === 'path') mode = 'path';
  else {
    const plus = gotoolchain.indexOf('+');
    const min = plus < 0 ? gotoolchain : gotoolchain.slice(0, plus);
    const suffix = plus < 0 ? '' : gotoolchain.slice(plus + 1);
    if (min !== 'local') {
      const v = fromToolchain(min);
      if (v === '') {
        if (plus >= 0) throw new Refusal(`invalid GOTOOLCHAIN ${JSON.stringify(gotoolchain)}: invalid minimum toolchain ${JSON.stringify(min)}`);
        throw new Refusal(`invalid GOTOOLCHAIN ${JSON.stringify(gotoolchain)}`);
      }
      minToolchain = min;
      minVers = v;
    }
    if (plus >= 0 && suffix !== 'auto' && suffix !== 'path') {
      throw new Refusal(`invalid GOTOOLCHAIN ${JSON.stringify(gotoolchain)}: only version suffixes are +auto and +path`);
    }
    mode = suffix as Startup['mode'];
  }
  const s: Startup = { gotoolchain, mode, chosen: minToolchain, autoFile: '', autoGoVersion: '', autoToolchain: '', why: '' };
  if (mode !== 'auto' && mode !== 'path') return s;
  const file = input.file;
  if (!file) return s;
  s.autoFile = file.shortPath;
  const goVers = goModLookup(file.data, 'go');
  const toolchain = goModLookup(file.data, 'toolchain');
  if (toolchain === 'default') {
    s.autoToolchain = toolchain;
    s.why = `${file.shortPath} says toolchain default`;
    return s;
  }
  if (toolchain !== '') {
    const toolVers = fromToolchain(toolchain);
    if (toolVers === '' || (!toolchain.startsWith('go') && !toolchain.includes('-go'))) {
      throw new Refusal(`invalid toolchain ${JSON.stringify(toolchain)} in ${file.shortPath}`);
    }
    if (goCompare(toolVers, minVers) > 0) {
      s.chosen = toolchain;
      minVers = toolVers;
      s.autoToolchain = toolchain;
      s.why = `${file.shortPath} says toolchain ${toolchain}`;
    }
  }
  if (goVers !== '' && goCompare(goVers, minVers) > 0) {
    s.chosen = 'go' + goVers;
    // From 1.21 the first release of a language version 1.N is 1.N.0 (golang.org/issue/62278).
    if (goIsLang(goVers) && goCompare(goVers, '1.21') >= 0) s.chosen += '.0';
    s.autoGoVersion = goVers;
    s.autoToolchain = '';
    s.why = `${file.shortPath} says go ${goVers}`;
  }
  return s;
}

/** explainOf is what a TooNewError appends after "running go V" (gover.TooNewError.Error). */
function explainOf(s: Startup): string {
  let explain = '';
  if (s.gotoolchain !== '' && s.gotoolchain !== 'auto') explain = `; GOTOOLCHAIN=${s.gotoolchain}`;
  if (s.autoFile !== '' && (s.autoGoVersion !== '' || s.autoToolchain !== '')) {
    explain += `; ${s.autoFile} sets ` + (s.autoToolchain !== '' ? `toolchain ${s.autoToolchain}` : `go ${s.autoGoVersion}`);
  }
  return explain;
}

/** selectToolchain decides which toolchain runs the command, as the local go command would. */
export function selectToolchain(input: SelectInput): Selection {
  const setting = `GOTOOLCHAIN=${input.gotoolchain}${input.gotoolchainFrom ? ` (${input.gotoolchainFrom})` : ''}`;
  if (input.gotoolchain === '') {
    // A broken GOROOT: the go command keeps running without switching.
    return { kind: 'run', version: input.localVersion, toolchain: input.localToolchain, how: 'local', explain: '', reason: 'GOTOOLCHAIN is empty: the local go' };
  }
  let s: Startup;
  try {
    s = startup(input, input.localVersion, input.localToolchain);
  } catch (e) {
    if (e instanceof Refusal) return { kind: 'refuse', message: e.message };
    throw e;
  }
  const gotoolchain = s.chosen;
  if (gotoolchain === 'local' || gotoolchain === input.localToolchain) {
    const why = s.autoFile !== '' && s.mode !== '' ? `${setting}, and ${s.autoFile} needs no newer go: the local go` : `${setting}: the local go`;
    return { kind: 'run', version: input.localVersion, toolchain: input.localToolchain, how: 'local', explain: explainOf(s), reason: why };
  }
  if (!gotoolchain.startsWith('go1') && !gotoolchain.includes('-go1')) {
    return { kind: 'refuse', message: `invalid GOTOOLCHAIN ${JSON.stringify(gotoolchain)}` };
  }
  const version = fromToolchain(gotoolchain);
  const pathOnly = input.gotoolchain === 'path' || input.gotoolchain.endsWith('+path');
  let how: 'path' | 'download';
  if (input.onPath(gotoolchain)) how = 'path';
  else if (pathOnly) return { kind: 'refuse', message: `cannot find ${JSON.stringify(gotoolchain)} in PATH` };
  else {
    how = 'download';
    const known = gotoolchain === 'go' + version ? releaseKnowledge(version) : 'absent';
    if (known !== 'exists') {
      if (goIsLang(version) && goCompare(version, '1.21') >= 0) {
        return { kind: 'refuse', message: `invalid toolchain: ${gotoolchain} is a language version but not a toolchain version (${gotoolchain}.x)` };
      }
      if (known === 'absent') return { kind: 'refuse', message: `download ${gotoolchain} for ${input.goos}/${input.goarch}: toolchain not available` };
      return {
        kind: 'refuse',
        gomodx: true,
        message: `the go command would switch to ${gotoolchain} (${s.why ? `${s.why}, ` : ''}${setting}), a Go release gomodx does not model (it knows Go 1.21 up to the releases it was built with, newest go ${NEWEST_GO})`,
      };
    }
  }
  // The chosen toolchain runs the command and makes its own startup decision, whose record
  // is what its messages show.
  let child: Startup;
  try {
    child = startup(input, version, gotoolchain);
  } catch (e) {
    if (e instanceof Refusal) return { kind: 'refuse', message: e.message };
    throw e;
  }
  const where = how === 'path' ? `${gotoolchain} from PATH` : `${gotoolchain}, downloaded`;
  return { kind: 'run', version, toolchain: gotoolchain, how, explain: explainOf(child), reason: `${s.why ? `${s.why}, ` : ''}${setting}: ${where}` };
}

/** HasAuto reports whether GOTOOLCHAIN allows downloads of newer toolchains (toolchain.HasAuto). */
export function hasAuto(gotoolchain: string): boolean {
  return gotoolchain === 'auto' || gotoolchain.endsWith('+auto');
}

/** hasPath reports whether GOTOOLCHAIN allows newer toolchains from PATH (toolchain.HasPath). */
export function hasPath(gotoolchain: string): boolean {
  return gotoolchain === 'path' || gotoolchain.endsWith('+path');
}
