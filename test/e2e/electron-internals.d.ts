// WebContents.getLastWebPreferences() exists in Electron (its own tests and the house style's
// security check use it) but is left out of electron.d.ts; electron.spec.ts reads it to check
// the preferences every window really got.
declare namespace Electron {
  interface WebContents {
    getLastWebPreferences(): WebPreferences | null;
  }
}
