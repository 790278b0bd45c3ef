/**
 * Server-sent events: the HTTP side of the contract's events. Every connected page gets every
 * event; payloads carry what they concern (a jobId, a directory), as over IPC.
 */
import type { ServerResponse } from 'node:http';
import type { EventChannel, EventMap } from '../../shared/ipc/contract';

/** EventStream holds the open SSE connections. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(heartbeatMs = 15_000) {
    // A comment line now and then keeps proxies and idle timeouts from closing the stream.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  /** attach turns res into an event stream until the client goes away. */
  attach(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** emit sends one event to every client. */
  emit<K extends EventChannel>(channel: K, payload: EventMap[K]): void {
    this.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  /** close ends every stream. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const c of this.clients) c.write(chunk);
  }
}
