/** ProjectError is a refusal the go command would also make, worded as it words it. */
export class ProjectError extends Error {
  /** raw errors are printed as they are (go's base.Fatalf); others get a "go: " prefix. */
  constructor(message: string, readonly raw = false, readonly code: 'no-main-module' | 'other' = 'other') {
    super(message);
    this.name = 'ProjectError';
  }
}
