/**
 * The Cytoscape instance that GraphView owns, for the few outside readers that need the drawn
 * graph itself (image export). Only GraphView sets it.
 */
import type { Core } from 'cytoscape';

/** graphHandle holds the current instance, or undefined while no graph is drawn. */
export const graphHandle: { current: Core | undefined } = { current: undefined };
