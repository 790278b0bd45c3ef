/**
 * Which lock files go mod init looked for (modload.altConfigs, Go 1.21) and which parser reads
 * each (modconv.Converters).
 */
import { parseGopkgLock } from './dep';
import { parseGlideLock } from './glide';
import { parseGlockfile } from './glock';
import { parseGodepsJson } from './godeps';
import type { LegacyParser } from './legacy-config';
import { parseDependenciesTsv } from './tsv';
import { parseVendorConf } from './vconf';
import { parseVendorJson } from './vjson';
import { parseVendorManifest } from './vmanifest';
import { parseVendorYml } from './vyml';

/** ALT_CONFIGS are the lock files in the order go looked for them, relative to the module root. */
export const ALT_CONFIGS = [
  'Gopkg.lock',
  'GLOCKFILE',
  'Godeps/Godeps.json',
  'dependencies.tsv',
  'glide.lock',
  'vendor.conf',
  'vendor.yml',
  'vendor/manifest',
  'vendor/vendor.json',
] as const;

/** AltConfig is one of the lock file names go converted. */
export type AltConfig = (typeof ALT_CONFIGS)[number];

/** CONVERTERS maps each lock file name to its parser. */
export const CONVERTERS: Readonly<Record<AltConfig, LegacyParser>> = {
  'Gopkg.lock': parseGopkgLock,
  GLOCKFILE: parseGlockfile,
  'Godeps/Godeps.json': parseGodepsJson,
  'dependencies.tsv': parseDependenciesTsv,
  'glide.lock': parseGlideLock,
  'vendor.conf': parseVendorConf,
  'vendor.yml': parseVendorYml,
  'vendor/manifest': parseVendorManifest,
  'vendor/vendor.json': parseVendorJson,
};

/** TOOL_NAMES says which tool wrote each file, for people reading a preview. */
export const TOOL_NAMES: Readonly<Record<AltConfig, string>> = {
  'Gopkg.lock': 'dep',
  GLOCKFILE: 'Glock',
  'Godeps/Godeps.json': 'Godeps',
  'dependencies.tsv': 'godeps',
  'glide.lock': 'glide',
  'vendor.conf': 'trash',
  'vendor.yml': 'govend',
  'vendor/manifest': 'gvt',
  'vendor/vendor.json': 'govendor',
};

/** isAltConfig tells whether name is one of the lock files go converted. */
export function isAltConfig(name: string): name is AltConfig {
  return (ALT_CONFIGS as readonly string[]).includes(name);
}
