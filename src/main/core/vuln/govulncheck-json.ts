/**
 * The JSON message stream `govulncheck -scan module -format json` prints (protocol v1.0.0):
 * one config message, an SBOM of what is scanned, progress messages, then an osv message for
 * every entry of every scanned module, then a finding per affected module version, each with a one-frame trace naming the module. Messages
 * are indented by two spaces as govulncheck's encoder writes them.
 */
import type { OsvEntry } from './osv-entry';
import type { VulnFinding } from './match-build-list';

/** ScanConfig is govulncheck's config message, with gomodx as the scanner. */
export interface ScanConfig {
  readonly scannerVersion: string;
  readonly db: string;
  /** dbModified is the database's modified time (RFC 3339), when it says one. */
  readonly dbModified?: string;
  readonly goVersion?: string;
}

function message(m: Record<string, unknown>): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/** configMessage prints the config message. */
export function configMessage(c: ScanConfig): string {
  return message({
    config: {
      protocol_version: 'v1.0.0',
      scanner_name: 'gomodx',
      scanner_version: c.scannerVersion,
      db: c.db,
      ...(c.dbModified ? { db_last_modified: c.dbModified } : {}),
      ...(c.goVersion ? { go_version: c.goVersion.startsWith('go') ? c.goVersion : `go${c.goVersion}` } : {}),
      scan_level: 'module',
      scan_mode: 'source',
    },
  });
}

/** progressMessage prints a progress message. */
export function progressMessage(text: string): string {
  return message({ progress: { message: text } });
}

/** sbomMessage lists what was scanned: the Go version and every module version the build uses. */
export function sbomMessage(goVersion: string, modules: readonly { path: string; version: string }[]): string {
  return message({ SBOM: { go_version: goVersion.startsWith('go') ? goVersion : `go${goVersion}`, modules: modules.map((m) => ({ path: m.path, ...(m.version ? { version: m.version } : {}) })) } });
}

/** osvMessage prints one entry as the database holds it. */
export function osvMessage(e: OsvEntry): string {
  return message({ osv: e });
}

/** findingMessage prints a module-level finding: the entry, its fix, and the module version. */
export function findingMessage(f: VulnFinding): string {
  return message({
    finding: {
      osv: f.id,
      ...(f.fixedVersion ? { fixed_version: f.fixedVersion } : {}),
      trace: [{ module: f.target.path, version: f.target.version }],
    },
  });
}
