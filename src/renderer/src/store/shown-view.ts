/**
 * What the graph shows right now: the user's view options, and on a large project, once the
 * selected module's explanation is known, its why paths on their own (a "why" focus), so that
 * the module and every module on those paths can be read at once. An explicit focus and a
 * what-if preview (whose marks need the whole view) keep the user's view.
 */
import type { ModuleExplanationDto } from '../../../shared/ipc/contract';
import { indexGraph } from '../graph/graph-index';
import { isLargeProject } from '../graph/scale';
import type { Focus, ViewOptions } from '../graph/visible-graph';
import { whyHighlight, type PathChoice } from '../graph/why-highlight';
import type { AppState } from './app-store';
import { selectViewOptions } from './view-slice';

let last: { id: string; value: ModuleExplanationDto; choice: PathChoice; focus: Focus } | undefined;

// One focus object per (selection, explanation, choice): selectors compare by reference.
function whyFocus(id: string, value: ModuleExplanationDto, choice: PathChoice): Focus {
  if (last && last.id === id && last.value === value && last.choice === choice) return last.focus;
  const h = whyHighlight(value, choice);
  const focus: Focus = { id, mode: 'why', nodes: [...h.nodes].sort(), edges: [...h.edges].sort() };
  last = { id, value, choice, focus };
  return focus;
}

/** selectWhyFocus is the why focus in force, if any. */
export function selectWhyFocus(s: AppState): Focus | undefined {
  if (!isLargeProject(s.graph) || s.focus || !s.selectedId || s.preview.kind !== 'idle') return undefined;
  if (s.why.kind !== 'ready' || !s.why.value.selectedId) return undefined;
  const node = indexGraph(s.graph!).byId.get(s.selectedId);
  if (!node || node.path !== s.why.path) return undefined;
  return whyFocus(s.selectedId, s.why.value, s.whyPath);
}

/** selectShownView is the view options the graph draws (use with useShallow). */
export function selectShownView(s: AppState): ViewOptions {
  const base = selectViewOptions(s);
  const why = selectWhyFocus(s);
  return why ? { ...base, focus: why } : base;
}
