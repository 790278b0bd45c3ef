// Cosmetic rewrites of go.mod and go.work files that must not change what they mean: quoted
// paths, comments in odd places, CRLF line endings, space indentation, empty blocks. Applied
// after the go command has settled a file (its own rewrite is canonical), so that the parser
// under test sees these forms in consistent universes too.
import type { Prng } from './prng';

/** Decorated is a rewritten file and the names of the rewrites applied. */
export interface Decorated {
  readonly text: string;
  readonly applied: readonly string[];
}

const PATH_VERBS = new Set(['require', 'exclude', 'use']);

/** decorateModFile applies a random selection of meaning-preserving rewrites to a go.mod/go.work. */
export function decorateModFile(text: string, r: Prng): Decorated {
  const applied: string[] = [];
  const quote = r.chance(0.2);
  const trailing = r.chance(0.2);
  const blockComment = r.chance(0.2);
  const spaces = r.chance(0.1);
  const lines = text.split('\n');
  const out: string[] = [];
  let block: string | undefined;
  for (const line of lines) {
    const open = /^(\w+) \($/.exec(line);
    if (open) {
      block = open[1];
      out.push(line);
      if (blockComment) {
        out.push('\t// Kept in order for the differential tests.');
        applied.push('comment-in-block');
      }
      continue;
    }
    if (line === ')') {
      block = undefined;
      out.push(line);
      continue;
    }
    let verb: string | undefined;
    let indent = '';
    let rest = line;
    if (block !== undefined && line.startsWith('\t')) {
      verb = block;
      indent = '\t';
      rest = line.slice(1);
    } else {
      const single = /^(\w+) (.*)$/.exec(line);
      if (single && single[1] !== 'module' && single[1] !== 'go' && single[1] !== 'toolchain') {
        verb = single[1];
        indent = `${single[1]} `;
        rest = single[2]!;
      }
    }
    if (verb !== undefined && !rest.startsWith('//')) {
      if (quote && PATH_VERBS.has(verb) && /^[^\s"]+/.test(rest) && r.chance(0.6)) {
        rest = rest.replace(/^([^\s"]+)/, '"$1"');
        applied.push('quoted-path');
      }
      if (trailing && verb === 'require' && !rest.includes('//') && r.chance(0.5)) {
        rest += ' // keep';
        applied.push('trailing-comment');
      }
      if (spaces && block !== undefined) {
        indent = '    ';
        applied.push('space-indent');
      }
    }
    out.push(verb !== undefined ? indent + rest : line);
  }
  let result = out.join('\n');
  if (r.chance(0.1)) {
    result = '// Test module.\n' + result;
    applied.push('header-comment');
  }
  if (r.chance(0.05) && /^module /m.test(result)) {
    result = result.replace(/\n*$/, '\n\nrequire ()\n');
    applied.push('empty-block');
  }
  if (r.chance(0.07)) {
    result = result.replace(/\n/g, '\r\n');
    applied.push('crlf');
  }
  return { text: result, applied: [...new Set(applied)] };
}
