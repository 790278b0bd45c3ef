import { readFileSync } from 'node:fs';
import { goCompare } from '../core/gover/gover';
import { decodeGoBytes } from '../core/gostrings/utf8';
import { parseModFile, parseWorkFile, type ModFile, type WorkFile } from '../core/modfile/rules';
import { canonicalVersion, checkPathMajor, splitPathVersion } from '../core/modpath/module-path';
import { InvalidVersionError, ModuleError, versionError } from '../core/modpath/module-errors';
import { ProjectError } from './project-error';
import type { InputLog } from './input-log';

function readText(path: string, shortPath: (p: string) => string, log?: InputLog): Buffer {
  try {
    const data = readFileSync(path);
    log?.file(path, data);
    return data;
  } catch (e) {
    log?.missing(path);
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new ProjectError(`open ${shortPath(path)}: ${reason}`);
  }
}

/**
 * fixVersion is modload.fixVersion for the main go.mod: canonical versions pass after the major
 * version check; anything else (v1.2, a branch, a hash) would need a network query, which
 * gomodx does not make yet, so it says so.
 */
function fixVersion(onFix: () => void) {
  return (path: string, vers: string): string => {
    if (path.startsWith('gopkg.in/') && vers.includes('-gopkgin-')) {
      vers = vers.slice(vers.indexOf('-gopkgin-') + '-gopkgin-'.length);
      onFix();
    }
    const split = splitPathVersion(path);
    if (!split.ok) {
      throw new ModuleError(path, '', new InvalidVersionError(vers, new Error(`malformed module path "${path}"`)));
    }
    if (vers !== '' && canonicalVersion(vers) === vers) {
      try {
        checkPathMajor(vers, split.pathMajor);
      } catch (e) {
        throw versionError({ path, version: vers }, e as Error);
      }
      return vers;
    }
    throw versionError({ path, version: vers }, new Error('gomodx cannot resolve non-canonical versions in go.mod yet; run "go mod tidy" to canonicalize'));
  };
}

/** readMainModFile reads a main module's go.mod strictly, with go's error wording. */
export function readMainModFile(path: string, shortPath: (p: string) => string, localGo: string, toolchainExplain: string, log?: InputLog, text?: string): { file: ModFile; data: string; needsFix: boolean } {
  const bytes = text !== undefined ? Buffer.from(text, 'utf8') : readText(path, shortPath, log);
  let needsFix = false;
  let file: ModFile;
  try {
    file = parseModFile(path, bytes, { fix: fixVersion(() => (needsFix = true)) });
  } catch (e) {
    let lax: ModFile | undefined;
    try {
      lax = parseModFile(path, bytes, { lax: true, fix: fixVersion(() => undefined) });
    } catch {
      // The strict error is the one to report.
    }
    if (lax?.go && goCompare(lax.go.version, localGo) > 0) {
      throw new ProjectError(`${shortPath(path)} requires go >= ${lax.go.version} (running go ${localGo}${toolchainExplain})`);
    }
    const msg = (e as Error).message.split(path).join(shortPath(path));
    throw new ProjectError(`errors parsing ${shortPath(path)}:\n${msg}`);
  }
  if (file.go && goCompare(file.go.version, localGo) > 0) {
    throw new ProjectError(`${shortPath(path)} requires go >= ${file.go.version} (running go ${localGo}${toolchainExplain})`);
  }
  if (!file.module) {
    throw new ProjectError(`error reading ${shortPath(path)}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod`);
  }
  if (file.module.mod.path === 'go' || file.module.mod.path === 'toolchain') {
    throw new ProjectError(`error reading ${shortPath(path)}: invalid module path: "${file.module.mod.path}"`);
  }
  return { file, data: decodeGoBytes(bytes), needsFix };
}

/** readWorkFileView reads go.work strictly. */
export function readWorkFileView(path: string, shortPath: (p: string) => string, log?: InputLog): WorkFile {
  const bytes = readText(path, shortPath, log);
  try {
    return parseWorkFile(path, bytes);
  } catch (e) {
    const msg = (e as Error).message.split(path).join(shortPath(path));
    throw new ProjectError(`errors parsing ${shortPath(path)}:\n${msg}`);
  }
}

/** parseDependencyGoMod parses a dependency's go.mod as modfile.ParseLax does. */
export function parseDependencyGoMod(name: string, data: string): ModFile {
  return parseModFile(name, data, { lax: true });
}
