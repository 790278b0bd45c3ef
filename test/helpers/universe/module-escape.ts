// Case-encoding of module paths and versions for proxy URLs and cache paths (golang.org/x/mod
// module.EscapePath): every upper-case letter becomes "!" followed by its lower-case form.

/** escapeModulePath encodes a module path the way the GOPROXY protocol and the module cache do. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** escapeModuleVersion encodes a version string with the same rule (for "v1.0.0-RC1" and the like). */
export function escapeModuleVersion(version: string): string {
  return version.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}
