/**
 * ModuleVersion names one version of one module, as golang.org/x/mod's module.Version does.
 *
 * A main module has version "" (it is the module being built, not a published version); the
 * virtual modules "go" and "toolchain" carry Go versions ("1.21.0", "go1.21.0").
 */
export interface ModuleVersion {
  readonly path: string;
  readonly version: string;
}

/** moduleKey returns a string key for maps: "path@version", or "path" for a main module. */
export function moduleKey(m: ModuleVersion): string {
  return m.version === '' ? m.path : `${m.path}@${m.version}`;
}
