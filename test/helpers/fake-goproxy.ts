/**
 * A GOPROXY on 127.0.0.1 whose answers a test scripts per path: a file's bytes, a status code,
 * garbage, a truncated body, or no answer at all. Loopback only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reply says how the fake proxy answers one path. */
export type Reply =
  | { kind: 'body'; body: string | Buffer; status?: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'truncate'; body: string; declared: number }
  | { kind: 'hang' }
  | { kind: 'fail-then'; failures: number; status: number; then: Reply };

/** FakeProxy is a running fake GOPROXY. */
export interface FakeProxy {
  readonly url: string;
  readonly requests: string[];
  set(path: string, reply: Reply): void;
  close(): Promise<void>;
}

/** startFakeProxy starts a fake GOPROXY on a random loopback port. */
export async function startFakeProxy(): Promise<FakeProxy> {
  const replies = new Map<string, Reply>();
  const counts = new Map<string, number>();
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const answer = (req: IncomingMessage, res: ServerResponse, reply: Reply | undefined): void => {
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: unknown path');
      return;
    }
    switch (reply.kind) {
      case 'body':
        res.writeHead(reply.status ?? 200).end(reply.body);
        return;
      case 'status':
        res.writeHead(reply.status).end(reply.body ?? '');
        return;
      case 'truncate':
        res.writeHead(200, { 'content-length': String(reply.declared) });
        res.write(reply.body);
        res.socket?.destroy();
        return;
      case 'hang':
        hanging.add(res);
        return;
      case 'fail-then': {
        const n = counts.get(req.url ?? '') ?? 0;
        counts.set(req.url ?? '', n + 1);
        if (n < reply.failures) res.writeHead(reply.status).end('try again');
        else answer(req, res, reply.then);
      }
    }
  };
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req, res, replies.get(req.url ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (path, reply) => replies.set(path, reply),
    close: async () => {
      for (const r of hanging) r.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
