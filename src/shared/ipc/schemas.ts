/**
 * One zod schema per call channel: main validates every request against it before a handler
 * sees it, whichever transport brought it. Schemas are strict (unknown keys refused) and bound
 * string lengths, because the sender is untrusted input as far as main is concerned.
 */
import { z } from 'zod';
import type { InvokeChannel, Req } from './contract';

const empty = z.object({}).strict();
const dir = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'path contains NUL');
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'jobId must be 1-64 letters, digits, _ or -');

const modulePath = z.string().min(1).max(1024).regex(/^[^\s\0@]+$/, 'not a module path');
// A go get argument: a module or package path (or a relative pattern), optionally @query. It
// never starts with "-": flags travel in upgrade, so an argument cannot smuggle one in.
const getArg = z.string().min(1).max(1024).regex(/^[^\s\0-][^\s\0]*$/, 'not a go get argument');
const getSpec = { args: z.array(getArg).max(256), upgrade: z.enum(['', 'upgrade', 'patch']) };
const base = z.string().regex(/^[0-9a-f]{64}$/, 'not a preview base');
const undoId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an undo id');

/** requestSchemas validates the request of each call channel. */
export const requestSchemas = {
  'app:info-get': empty,
  'app:graph-load': z
    .object({
      jobId,
      target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('dir'), dir }).strict(), z.object({ kind: z.literal('example') }).strict()]),
    })
    .strict(),
  'app:graph-cancel': z.object({ jobId }).strict(),
  'app:folder-pick': empty,
  'app:recent-list': empty,
  'app:recent-remove': z.object({ dir }).strict(),
  'app:module-explain': z.object({ dir, path: modulePath }).strict(),
  'app:module-versions': z.object({ dir, path: modulePath }).strict(),
  'app:whatif-preview': z.object({ jobId, dir, ...getSpec }).strict(),
  'app:whatif-cancel': z.object({ jobId }).strict(),
  'app:whatif-apply': z.object({ dir, base, ...getSpec }).strict(),
  'app:whatif-undo': z.object({ dir, undoId }).strict(),
  'app:legacy-preview': z.object({ jobId, dir, modulePath: modulePath.optional() }).strict(),
  'app:legacy-cancel': z.object({ jobId }).strict(),
  'app:legacy-apply': z.object({ dir, base }).strict(),
  'app:vuln-scan': z.object({ jobId, dir, refresh: z.boolean() }).strict(),
  'app:vuln-plan': z.object({ jobId, dir, picks: z.array(z.string().min(1).max(1024).regex(/^[^\s\0]+$/, 'not an ID or module path')).max(1024) }).strict(),
  'app:vuln-cancel': z.object({ jobId }).strict(),
} satisfies { readonly [K in InvokeChannel]: z.ZodType<Req<K>> };

/** isInvokeChannel tells whether a string names a call channel of the contract. */
export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(requestSchemas, channel);
}
