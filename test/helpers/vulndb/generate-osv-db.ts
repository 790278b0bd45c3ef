// A random OSV database for a generated universe: a pure function of the universe and a seed.
// Ranges are drawn from each module's published versions (pseudo-versions and +incompatible
// ones included), in every shape the Go database uses: introduced "0", a fix, a reintroduction,
// no fix, a fix at a version that was never published, no ranges at all, a withdrawn entry,
// an entry naming two modules; plus stdlib and toolchain entries around the local Go version.
import { compare } from '../../../src/main/core/semver/semver';
import type { OsvEntry, OsvEvent } from '../../../src/main/core/vuln/osv-entry';
import { createPrng } from '../universe/prng';
import type { Universe } from '../universe/universe-model';

function bare(v: string): string {
  return v.replace(/^v/, '');
}

/** unpublishedAfter is a release just above v ("1.2.3" → "1.2.4"; a prerelease → its release). */
function unpublishedAfter(v: string): string {
  const m = /^v(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) return bare(v);
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/** generateOsvDb draws entries for u's modules (not its main modules) and for Go at goVersion ("1.26.8"). */
export function generateOsvDb(u: Universe, seed: number, goVersion: string, mainPaths: ReadonlySet<string>): OsvEntry[] {
  const r = createPrng((seed ^ 0x5eed0516) >>> 0);
  const out: OsvEntry[] = [];
  let n = 0;
  const id = (): string => `GO-2026-${String(++n).padStart(4, '0')}`;
  const modules = u.modules.filter((m) => !mainPaths.has(m.path) && m.versions.length > 0);
  for (const m of modules) {
    if (!r.chance(0.65)) continue;
    const vs = [...new Set(m.versions.map((v) => v.version))].sort(compare);
    for (let k = r.int(1, 2); k > 0; k--) {
      const i = r.int(0, vs.length - 1);
      const j = r.int(i, vs.length - 1);
      const shape = r.int(0, 9);
      let events: OsvEvent[] | undefined;
      switch (shape) {
        case 0:
        case 1:
          events = [{ introduced: '0' }, { fixed: bare(vs[j]!) }];
          break;
        case 2:
        case 3:
          events = [{ introduced: bare(vs[i]!) }, ...(j > i ? [{ fixed: bare(vs[j]!) }] : [])];
          break;
        case 4:
          events = [{ introduced: bare(vs[i]!) }];
          break;
        case 5: {
          const l = r.int(j, vs.length - 1);
          events = [{ introduced: '0' }, { fixed: bare(vs[i]!) }, { introduced: bare(vs[j]!) }, ...(l > j ? [{ fixed: bare(vs[l]!) }] : [])];
          break;
        }
        case 6:
          events = [{ introduced: bare(vs[i]!) }, { fixed: unpublishedAfter(vs[j]!) }];
          break;
        case 7:
          events = undefined;
          break;
        default:
          // Events out of order: the matcher must sort them.
          events = j > i ? [{ fixed: bare(vs[j]!) }, { introduced: bare(vs[i]!) }] : [{ introduced: '0' }, { fixed: bare(vs[j]!) }];
      }
      const other = r.chance(0.15) ? r.pick(modules) : undefined;
      const e: OsvEntry = {
        schema_version: '1.3.1',
        id: id(),
        modified: '2026-11-01T00:00:00Z',
        published: '2026-10-01T00:00:00Z',
        ...(r.chance(0.08) ? { withdrawn: '2026-11-02T00:00:00Z' } : {}),
        aliases: [`CVE-2026-${1000 + n}`, `GHSA-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}`],
        summary: `Generated vulnerability ${n} in ${m.path}`,
        details: `Shape ${shape}.`,
        affected: [
          { package: { name: m.path, ecosystem: 'Go' }, ...(events ? { ranges: [{ type: 'SEMVER', events }] } : {}), ecosystem_specific: { imports: [{ path: m.path }] } },
          ...(other && other.path !== m.path ? [{ package: { name: other.path, ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: bare(other.versions[0]!.version) }] }], ecosystem_specific: {} }] : []),
        ],
        database_specific: { url: `https://pkg.go.dev/vuln/GO-2026-${String(n).padStart(4, '0')}`, review_status: 'REVIEWED' },
      };
      out.push(e);
    }
  }
  const [maj, min, patch] = goVersion.split('.').map(Number) as [number, number, number];
  const go = (p: number): string => `${maj}.${min}.${p}`;
  out.push(
    { id: id(), modified: '2026-11-01T00:00:00Z', summary: 'stdlib: affects the local Go', details: '', affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: go(patch + 1) }] }], ecosystem_specific: { imports: [{ path: 'net/http' }] } }] },
    { id: id(), modified: '2026-11-01T00:00:00Z', summary: 'stdlib: fixed before the local Go', details: '', affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: `${maj}.${min}.0-0` }, { fixed: go(Math.max(1, patch - 1)) }] }] }] },
    { id: id(), modified: '2026-11-01T00:00:00Z', summary: 'toolchain: affects the local Go', details: '', affected: [{ package: { name: 'toolchain', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: go(patch + 2) }] }] }] },
  );
  return out;
}
