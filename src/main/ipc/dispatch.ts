/**
 * dispatch runs one call of the contract for any transport: it refuses unknown channels,
 * validates the request against the channel's schema, runs the handler and turns whatever it
 * throws into a Result, because nothing may throw across the process boundary (Electron keeps
 * only an Error's message; HTTP only what we serialise). It imports no Electron, so the HTTP
 * server of `gomodx serve` uses it too.
 */
import { CHANNEL_PREFIX } from '../../shared/ipc/contract';
import { isInvokeChannel, requestSchemas } from '../../shared/ipc/schemas';
import { fail, type Result } from '../../shared/model/result';
import type { Handlers } from '../services/app-backend';

/** toErrorResult maps a thrown value to a failed Result (canceled or internal). */
export function toErrorResult(e: unknown): Result<never> {
  const err = e as Error;
  if (err?.name === 'AbortError') return fail('canceled', 'canceled');
  const message = err instanceof Error ? err.message : String(e);
  return fail('internal', message);
}

/** validationMessage words zod's issues in one line: "target.dir: Too small". */
function validationMessage(channel: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return `${channel}: invalid request: ` + issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** dispatch calls the handler of channel with raw (untrusted) input. */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !channel.startsWith(CHANNEL_PREFIX) || !isInvokeChannel(channel)) {
    return fail('unknown-channel', `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
  }
  const parsed = requestSchemas[channel].safeParse(raw ?? {});
  if (!parsed.success) return fail('invalid-request', validationMessage(channel, parsed.error.issues));
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (e) {
    return toErrorResult(e);
  }
}
