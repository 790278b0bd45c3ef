/**
 * Bringing a pre-module project into the window (issue 15): the go.mod go mod init (Go 1.21)
 * would write from its lock file, with the module graph that go.mod gives, previewed without
 * writing anything; then, when asked, go.mod created atomically (never over one that appeared
 * meanwhile), after which the project opens as any other.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LegacyPreviewDto } from '../../shared/ipc/contract';
import type { ConversionProgress } from '../core/modconv/convert';
import { goEnvForGraph, loadGraphDtoFrom } from './legacy-graph';
import { createGoMod, planModInit } from './mod-init';

/** PreviewedInit is what apply writes: exactly the text previewed, where it was previewed. */
interface PreviewedInit {
  readonly goModPath: string;
  readonly goMod: string;
}

function docUrl(path: string): string {
  return `https://pkg.go.dev/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** LegacyImport keeps the previews the window made, so that apply writes what was shown. */
export class LegacyImport {
  private readonly previews = new Map<string, PreviewedInit>();

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** preview plans go mod init in dir and loads the module graph of the go.mod it would write. */
  async preview(dir: string, modulePath: string | undefined, signal: AbortSignal, onProgress: (p: ConversionProgress) => void): Promise<LegacyPreviewDto> {
    const started = Date.now();
    const plan = await planModInit({ dir, env: this.env, modulePath, signal, onProgress });
    const requirements = plan.requirements.map((r) => ({
      path: r.mod.path,
      version: r.mod.version,
      ...(r.replace ? { replaces: `${r.replace.old.path} ${r.replace.old.version}` } : {}),
    }));
    const prefix = (p: string, rev: string): string => `stat ${p}@${rev}: `;
    const dropped = plan.dropped.map((d) => {
      const line = d.line;
      const at = line.indexOf(prefix(d.entry.path, d.entry.version));
      const reason = at >= 0 ? line.slice(at + prefix(d.entry.path, d.entry.version).length) : d.error.message;
      return { path: d.entry.path, rev: d.entry.version, reason, docUrl: docUrl(d.entry.path) };
    });
    let base = '';
    let graph: LegacyPreviewDto['graph'];
    if (plan.ok && plan.goMod !== undefined) {
      base = createHash('sha256').update(plan.goModPath).update('\0').update(plan.goMod).digest('hex');
      // Only the latest preview of a directory can be applied: it is the one on screen.
      for (const [k, v] of this.previews) if (v.goModPath === plan.goModPath) this.previews.delete(k);
      this.previews.set(base, { goModPath: plan.goModPath, goMod: plan.goMod });
      graph = await loadGraphDtoFrom(dir, plan.goMod, goEnvForGraph(this.env), signal);
    }
    const lockFile = plan.lockFile ? { name: plan.lockFile.name, tool: plan.lockFile.tool, entries: plan.lockFile.entries } : undefined;
    return {
      dir,
      ok: plan.ok,
      ...(lockFile ? { lockFile } : {}),
      ...(plan.modulePath !== undefined ? { modulePath: plan.modulePath } : {}),
      ...(plan.goMod !== undefined ? { goMod: plan.goMod } : {}),
      output: plan.stderr,
      requirements,
      dropped,
      needsTidy: plan.needsTidy,
      ...(graph ? { graph } : {}),
      base,
      elapsedMs: Date.now() - started,
    };
  }

  /** apply creates the previewed go.mod in dir; it refuses a preview it did not make, or a go.mod that exists now. */
  async apply(dir: string, base: string): Promise<string> {
    const p = this.previews.get(base);
    if (!p || p.goModPath !== join(dir, 'go.mod')) throw new LegacyImportError('not-found', 'This preview is no longer known: preview again.');
    try {
      await createGoMod(p.goModPath, p.goMod);
    } catch (e) {
      throw new LegacyImportError('conflict', `go: ${(e as Error).message}`);
    }
    this.previews.delete(base);
    return p.goModPath;
  }
}

/** LegacyImportError is a refusal of apply, with the code the renderer shows it by. */
export class LegacyImportError extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'LegacyImportError';
  }
}
