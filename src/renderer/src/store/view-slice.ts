/**
 * The view slice: what part of the graph is shown and how (toggles, filter, focus, collapsed
 * families, selection, theme, layout).
 */
import type { StateCreator } from 'zustand';
import type { LayoutPreference } from '../graph/layout';
import { listOpenByDefault } from '../graph/module-list';
import type { Theme } from '../graph/styles';
import { isLargeProject } from '../graph/scale';
import type { Focus, FocusMode, ViewMode, ViewOptions } from '../graph/visible-graph';
import type { AppState } from './app-store';

/** ViewSlice is the view part of the store. */
export interface ViewSlice {
  readonly showUnselected: boolean;
  readonly showToolchain: boolean;
  readonly prefix: string;
  readonly collapsed: readonly string[];
  readonly focus?: Focus;
  /** Overview (groups, one box per module) or every version; set by the project's size when it opens. */
  readonly mode: ViewMode;
  /** Overview groups drawn member by member. */
  readonly expanded: readonly string[];
  /** The group opened last, for the graph to bring into view once it is drawn. */
  readonly openedGroup?: string;
  readonly selectedId?: string;
  readonly theme: Theme;
  readonly layout: LayoutPreference;
  readonly legendOpen: boolean;
  /** The module list beside the graph. */
  readonly listOpen: boolean;
  /** Bumped to ask the search box to take the keyboard (Ctrl+F). */
  readonly searchRequest: number;
  /** Bumped to ask the graph to zoom to the selected node (after search or a link). */
  readonly revealRequest: number;
  setShowUnselected(v: boolean): void;
  setShowToolchain(v: boolean): void;
  setPrefix(p: string): void;
  select(id: string | undefined): void;
  /** reveal selects id and brings it into view at a readable zoom. */
  reveal(id: string): void;
  focusOn(id: string, mode: FocusMode): void;
  clearFocus(): void;
  toggleFamily(family: string): void;
  setMode(m: ViewMode): void;
  toggleGroup(key: string): void;
  setTheme(t: Theme): void;
  toggleTheme(): void;
  setLayout(l: LayoutPreference): void;
  toggleLegend(): void;
  /** toggleList shows or hides the module list, and remembers the choice for the next projects. */
  toggleList(): void;
  requestSearch(): void;
  resetView(): void;
  keepSelectionIfPresent(): void;
}

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('gomodx.theme');
    if (saved === 'light' || saved === 'dark') return saved;
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

function savedListChoice(): string | null {
  try {
    return globalThis.localStorage?.getItem('gomodx.list') ?? null;
  } catch {
    return null;
  }
}

/** createViewSlice builds the view slice. */
export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  showUnselected: true,
  showToolchain: false,
  prefix: '',
  collapsed: [],
  mode: 'full',
  expanded: [],
  theme: initialTheme(),
  layout: 'auto',
  legendOpen: true,
  listOpen: false,
  searchRequest: 0,
  revealRequest: 0,
  setShowUnselected: (v) => set({ showUnselected: v }),
  setShowToolchain: (v) => set({ showToolchain: v }),
  setPrefix: (p) => set({ prefix: p }),
  select: (id) => set({ selectedId: id }),
  reveal: (id) => set({ selectedId: id, revealRequest: get().revealRequest + 1 }),
  focusOn: (id, mode) => set({ focus: { id, mode }, selectedId: id }),
  clearFocus: () => set({ focus: undefined }),
  toggleFamily: (family) => {
    const c = get().collapsed;
    set({ collapsed: c.includes(family) ? c.filter((f) => f !== family) : [...c, family] });
  },
  setMode: (m) => set({ mode: m, focus: undefined }),
  toggleGroup: (key) => {
    const e = get().expanded;
    set(e.includes(key) ? { expanded: e.filter((k) => k !== key), openedGroup: undefined } : { expanded: [...e, key], openedGroup: key });
  },
  setTheme: (t) => {
    try {
      globalThis.localStorage?.setItem('gomodx.theme', t);
    } catch {
      // A theme that is not remembered is fine.
    }
    set({ theme: t });
  },
  toggleTheme: () => get().setTheme(get().theme === 'dark' ? 'light' : 'dark'),
  setLayout: (l) => set({ layout: l }),
  toggleLegend: () => set({ legendOpen: !get().legendOpen }),
  toggleList: () => {
    const open = !get().listOpen;
    try {
      globalThis.localStorage?.setItem('gomodx.list', open ? 'open' : 'closed');
    } catch {
      // A choice that is not remembered is fine.
    }
    set({ listOpen: open });
  },
  requestSearch: () => set({ searchRequest: get().searchRequest + 1 }),
  // A newly opened project gets the overview and the list if it is big enough to need them (or
  // the list if the user said so); on a large project the legend would cover the first view's
  // readable part, and it is one click away.
  resetView: () => {
    const graph = get().graph;
    const large = isLargeProject(graph);
    set({
      selectedId: undefined,
      focus: undefined,
      prefix: '',
      collapsed: [],
      expanded: [],
      mode: large ? 'overview' : 'full',
      listOpen: listOpenByDefault(savedListChoice()),
      ...(large ? { legendOpen: false } : {}),
    });
  },
  keepSelectionIfPresent: () => {
    const { graph, selectedId, focus } = get();
    const has = (id?: string): boolean => !!id && !!graph?.nodes.some((n) => n.id === id);
    // A version that left the graph (an applied upgrade) hands the selection to its module's selected version.
    const successor = (id?: string): string | undefined => {
      if (!id || has(id)) return id;
      const path = graph?.nodes.find((n) => id.startsWith(`${n.path}@`) && n.selected && !id.slice(n.path.length + 1).includes('/'))?.path;
      return graph?.nodes.find((n) => n.path === path && n.selected)?.id;
    };
    set({ selectedId: successor(selectedId), focus: focus && has(focus.id) ? focus : undefined });
  },
});

/** selectViewOptions picks the options visibleGraph needs (use with useShallow). */
export function selectViewOptions(s: AppState): ViewOptions {
  return { showUnselected: s.showUnselected, showToolchain: s.showToolchain, prefix: s.prefix, focus: s.focus, collapsed: s.collapsed, mode: s.mode, expanded: s.expanded };
}
