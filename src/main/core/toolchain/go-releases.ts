/*
 * Package toolchain: which Go toolchain the go command would run for a project, and what that
 * version changes (cmd/go/internal/toolchain, gover.Startup, https://go.dev/doc/toolchain).
 *
 * Domain rules:
 * - GOTOOLCHAIN is `local`, `auto` (= `local+auto`), `path` (= `local+path`), `<name>`,
 *   `<name>+auto` or `<name>+path`; <name> is a toolchain name ("go1.27.3", "go1.27.3-custom").
 *   The name (or the local toolchain) is the minimum; +auto/+path let the go and toolchain lines
 *   of go.work (else go.mod) raise it: a toolchain line wins when newer than the minimum, then a
 *   go line newer than that (a language version 1.N with N >= 21 becomes 1.N.0).
 * - A chosen toolchain other than the local one is looked up on PATH by name; failing that,
 *   `path` modes stop ("cannot find ... in PATH") and the others download
 *   golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>.
 * - The switched-to go runs the command itself: its version is the one messages name ("running
 *   go 1.27.0"), the one go lines get written with, and the one whose rules apply.
 * - This file knows which releases exist, as far as gomodx knows (the newest one is the version
 *   modelled when no go command is installed).
 */
import { goCompare, goParse } from '../gover/gover';

/**
 * NEWEST_GO is the newest Go release whose behaviour gomodx models and has checked against the
 * real go command (test/differential/toolchain.test.ts runs it). It is the "local" Go version
 * when no go command is installed. go-releases.test.ts pins it.
 */
export const NEWEST_GO = '1.27.3';

/**
 * LATEST_PATCH gives, for each Go 1.N from 1.21 on, the highest patch release gomodx knows of
 * (golang.org/toolchain's version list on proxy.golang.org, linux-amd64, when this was written).
 */
const LATEST_PATCH: Readonly<Record<number, number>> = {
  21: 13,
  22: 12,
  23: 12,
  24: 13,
  25: 14,
  26: 11,
  27: 4,
};

/** Prereleases seen published as toolchains; others are `unknown`, not `absent`. */
const PRERELEASES: ReadonlySet<string> = new Set(['1.26rc1']);

const NEWEST_MINOR = Math.max(...Object.keys(LATEST_PATCH).map(Number));

/**
 * ReleaseKnowledge says what gomodx knows of a Go version as a downloadable toolchain:
 * `exists`; `absent` (it never will: an old release family, or a number past a family that
 * no longer gets releases); `unknown` (it may have been released after gomodx was built).
 */
export type ReleaseKnowledge = 'exists' | 'absent' | 'unknown';

/** releaseKnowledge tells whether Go version v (e.g. "1.27.3") was released as a toolchain. */
export function releaseKnowledge(v: string): ReleaseKnowledge {
  const p = goParse(v);
  if (!p || p.major !== '1' || p.minor === '') return 'absent';
  const minor = Number(p.minor);
  if (minor < 21) return 'unknown'; // published too, but gomodx models Go 1.21 and later only
  if (minor > NEWEST_MINOR) return 'unknown';
  if (p.kind !== '') {
    return PRERELEASES.has(v) ? 'exists' : 'unknown';
  }
  if (p.patch === '') return 'absent'; // a language version is not a toolchain
  const latest = LATEST_PATCH[minor] ?? -1;
  if (Number(p.patch) <= latest) return 'exists';
  // Go supports the two newest release families; older ones get no more patch releases.
  return minor >= NEWEST_MINOR - 1 ? 'unknown' : 'absent';
}

/** knownReleases lists every Go release from 1.21.0 on that gomodx knows, oldest first. */
export function knownReleases(): string[] {
  const out: string[] = [];
  for (const [minor, latest] of Object.entries(LATEST_PATCH)) {
    for (let p = 0; p <= latest; p++) out.push(`1.${minor}.${p}`);
  }
  out.push(...PRERELEASES);
  return out.sort(goCompare);
}
