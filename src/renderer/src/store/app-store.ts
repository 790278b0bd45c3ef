/** The bound store of the renderer: the project and view slices (zustand's slice pattern). */
import { create } from 'zustand';
import { createProjectSlice, type ProjectSlice } from './project-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createWhySlice, type WhySlice } from './why-slice';

/** AppState is the whole renderer state. */
export type AppState = ProjectSlice & ViewSlice & WhySlice;

/** useAppStore is the store hook; useAppStore.getState() outside React. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createViewSlice(...a),
  ...createWhySlice(...a),
}));

/** selectLoading tells whether a graph is loading. */
export function selectLoading(s: AppState): boolean {
  return s.load.kind === 'loading';
}
