// Kept apart from go-command.ts, which also runs outside Vitest (in the CLI stand-in).
import { describe, it } from 'vitest';
import { goCommand, NO_GO_COMMAND } from './go-command';

/**
 * skipNoticeWithoutGo adds, when there is no go command, one skipped test named NO_GO_COMMAND
 * under title, so that the run says why the comparisons with go did not happen.
 */
export function skipNoticeWithoutGo(title: string): void {
  // Registered only then: a describe.runIf(false) would count as a skipped test on every run.
  if (goCommand() !== undefined) return;
  describe(title, () => {
    it.skip(NO_GO_COMMAND, () => {});
  });
}
