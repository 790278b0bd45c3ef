/** The bound store of the renderer: the project, view, why and what-if slices (zustand's slice pattern). */
import { create } from 'zustand';
import { createProjectSlice, type ProjectSlice } from './project-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createWhatIfSlice, type WhatIfSlice } from './whatif-slice';
import { createWhySlice, type WhySlice } from './why-slice';
import { createLegacySlice, type LegacySlice } from './legacy-slice';
import { createVulnSlice, type VulnSlice } from './vuln-slice';

/** AppState is the whole renderer state. */
export type AppState = ProjectSlice & ViewSlice & WhySlice & WhatIfSlice & LegacySlice & VulnSlice;

/** useAppStore is the store hook; useAppStore.getState() outside React. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createViewSlice(...a),
  ...createWhySlice(...a),
  ...createWhatIfSlice(...a),
  ...createLegacySlice(...a),
  ...createVulnSlice(...a),
}));

/** selectLoading tells whether a graph is loading. */
export function selectLoading(s: AppState): boolean {
  return s.load.kind === 'loading';
}
