// Test support only (never imported by the app): builds small ModuleGraphDto values for renderer tests from a compact description:
// node ids ("path@version", or a bare path for a main module) and edges "from -> to".
import type { ModuleEdgeDto, ModuleGraphDto, ModuleNodeDto } from '../../../shared/model/module-graph';

/** NodeSpec overrides the defaults of one node. */
export type NodeSpec = Partial<ModuleNodeDto> & { id: string };

function split(id: string): { path: string; version: string } {
  const at = id.indexOf('@');
  return at < 0 ? { path: id, version: '' } : { path: id.slice(0, at), version: id.slice(at + 1) };
}

function family(path: string): string {
  const m = /^(.+)\/v([2-9]|[1-9][0-9]+)$/.exec(path);
  return m ? m[1] : path;
}

/** makeGraph builds a DTO: selected defaults to "highest in list order wins" unless given. */
export function makeGraph(nodes: readonly (string | NodeSpec)[], edges: readonly string[], extra: Partial<ModuleGraphDto> = {}): ModuleGraphDto {
  const specs = nodes.map((n) => (typeof n === 'string' ? { id: n } : n));
  const lastOfPath = new Map<string, string>();
  for (const s of specs) lastOfPath.set(split(s.id).path, s.id);
  const rankOf = new Map<string, number>();
  const full: ModuleNodeDto[] = specs.map((s) => {
    const { path, version } = split(s.id);
    const kind = version === '' ? 'main' : path === 'go' ? 'go' : path === 'toolchain' ? 'toolchain' : 'module';
    const r = rankOf.get(path) ?? 0;
    rankOf.set(path, r + 1);
    return {
      path,
      version,
      family: family(path),
      kind,
      dependency: kind === 'main' ? 'main' : 'indirect',
      selected: lastOfPath.get(path) === s.id,
      excluded: false,
      loaded: true,
      source: kind === 'main' ? 'main' : 'proxy',
      versionRank: kind === 'module' ? r : 0,
      ...s,
    } as ModuleNodeDto;
  });
  const es: ModuleEdgeDto[] = edges.map((e) => {
    const excluded = e.includes(' -x> ');
    const [from, to] = e.split(excluded ? ' -x> ' : ' -> ');
    return { id: `${from} ${to}${excluded ? ' excluded' : ''}`, from, to, kind: excluded ? 'excluded' : 'require' };
  });
  const moduleLike = full.filter((n) => n.kind === 'module' || n.kind === 'main');
  return {
    dir: '/p',
    mainModules: full.filter((n) => n.kind === 'main').map((n) => n.id),
    goVersion: '1.22',
    nodes: full,
    edges: es,
    excludes: full.filter((n) => n.excluded).map((n) => n.id),
    counts: {
      modules: moduleLike.filter((n) => n.selected).length,
      versions: moduleLike.length,
      edges: es.filter((e) => e.kind === 'require').length,
      excluded: 0,
      replaced: 0,
      families: new Set(moduleLike.map((n) => n.family)).size,
    },
    complete: true,
    warnings: [],
    source: { goproxy: 'off', gomodcache: '/c', example: false, fetched: {} },
    elapsedMs: 1,
    ...extra,
  };
}
