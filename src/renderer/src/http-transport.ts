/**
 * The HTTP side of the contract, for the renderer running in a browser against `gomodx serve`:
 * calls are POSTs of JSON to /api/invoke/<channel> (the session cookie carries the token),
 * events arrive over one shared EventSource. Any transport failure becomes a failed Result, as
 * over IPC, so callers handle one shape.
 */
import type { Transport, Unsubscribe } from '../../shared/ipc/channels';
import type { EventChannel } from '../../shared/ipc/contract';
import type { Result } from '../../shared/model/result';

/** httpTransport talks to the server that served this page. */
export function httpTransport(base = ''): Transport {
  let source: EventSource | undefined;
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  const ensureSource = (): EventSource => {
    if (source) return source;
    source = new EventSource(`${base}/api/events`);
    return source;
  };

  return {
    async invoke(channel, req) {
      try {
        const res = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(req ?? {}),
          credentials: 'same-origin',
        });
        const text = await res.text();
        if (!res.ok && !text.startsWith('{')) {
          return { ok: false, error: { code: res.status === 403 || res.status === 421 ? 'forbidden' : 'internal', message: text.trim() || `HTTP ${res.status}` } } satisfies Result<never>;
        }
        return JSON.parse(text) as unknown;
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: `cannot reach gomodx serve: ${(e as Error).message}` } } satisfies Result<never>;
      }
    },
    subscribe(channel, cb): Unsubscribe {
      const es = ensureSource();
      if (!listeners.has(channel)) {
        listeners.set(channel, new Set());
        es.addEventListener(channel, (e) => {
          let payload: unknown;
          try {
            payload = JSON.parse((e as MessageEvent<string>).data);
          } catch {
            return;
          }
          for (const l of listeners.get(channel) ?? []) l(payload);
        });
      }
      listeners.get(channel)!.add(cb);
      return () => {
        listeners.get(channel)?.delete(cb);
      };
    },
  };
}
