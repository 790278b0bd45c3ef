/**
 * The behaviour that differs between Go versions from 1.21 on, in one table: each rule names the
 * first version that has it (and the first without it, if it was dropped again). Everything gomodx does that
 * depends on which go it models asks here; version-rules.test.ts pins each row.
 */
import { goCompare } from '../gover/gover';

/** VersionRule is one behaviour of the go command that some Go versions have. */
export type VersionRule =
  /** `go get` writes a `toolchain go<running>` line when it raises the go line (CL a68bf75 removed it, #65847). */
  | 'get-adds-toolchain-line'
  /** `go mod edit -json` leaves out empty Require, Exclude, Replace, Retract, Tool, Ignore lists instead of printing null. */
  | 'mod-edit-json-omits-empty'
  /** `go work edit -json` prints Toolchain and Godebug, and leaves out empty Use and Replace lists. */
  | 'work-edit-json-toolchain-godebug';

interface RuleSpan {
  readonly since: string;
  /** before is the first version without the rule again, or undefined while it holds. */
  readonly before?: string;
}

/** VERSION_RULES is the table: rule -> the Go versions that follow it. */
export const VERSION_RULES: Readonly<Record<VersionRule, RuleSpan>> = {
  'get-adds-toolchain-line': { since: '1.21', before: '1.25' },
  'mod-edit-json-omits-empty': { since: '1.27' },
  'work-edit-json-toolchain-godebug': { since: '1.27' },
};

/**
 * GoLineRule is a behaviour decided by a go.mod's go line rather than by the running go (only a
 * go at least that new accepts such a go line, so the running go has it too).
 */
export type GoLineRule =
  /** go writes every requirement into one direct and one indirect block (x/mod SetRequireAtMostTwo; gover.SimplifyRequireVersion). */
  'require-at-most-two-blocks';

/** GO_LINE_RULES is the table: go-line rule -> the first go line that has it. */
export const GO_LINE_RULES: Readonly<Record<GoLineRule, string>> = {
  'require-at-most-two-blocks': '1.27',
};

/** goLineRule reports whether a go.mod whose go line is goLine gets rule. */
export function goLineRule(goLine: string, rule: GoLineRule): boolean {
  return goCompare(goLine, GO_LINE_RULES[rule]) >= 0;
}

/** hasRule reports whether the go command at version goVersion ("1.27.3") follows rule. */
export function hasRule(goVersion: string, rule: VersionRule): boolean {
  const span = VERSION_RULES[rule];
  if (goCompare(goVersion, span.since) < 0) return false;
  return span.before === undefined || goCompare(goVersion, span.before) < 0;
}
