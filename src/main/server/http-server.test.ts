import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../shared/model/result';
import type { Handlers } from '../services/app-backend';
import { PROD_CSP } from '../window/csp';
import { EventStream } from './event-stream';
import { startServer, type RunningServer } from './http-server';
import { cookieName } from './request-guard';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const TOKEN = 'test-token-123';
let server: RunningServer;
let events: EventStream;
let dir: string;
const handlers = {
  'app:info-get': async () => ok({ transport: 'http', version: 't', canPickFolder: false, canDropFolders: false, exampleAvailable: false }),
  'app:recent-list': async () => ok([]),
} as unknown as Handlers;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gomodx-server-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  events = new EventStream();
  server = await startServer({ handlers, events, rendererDir: dir, token: TOKEN, csp: PROD_CSP });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const cookie = () => ({ cookie: `${cookieName(server.port)}=${TOKEN}` });

describe('gomodx serve HTTP server', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses the page without the token', async () => {
    const r = await send(server.port, '/');
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('<title>');
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie', async () => {
    const r = await send(server.port, `/?token=${TOKEN}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(String(r.headers['set-cookie'])).toBe(`${cookieName(server.port)}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('serves the page and assets with the cookie, with the CSP header', async () => {
    const page = await send(server.port, '/', { headers: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>x</title>');
    expect(page.headers['content-security-policy']).toBe(PROD_CSP);
    const js = await send(server.port, '/assets/app.js', { headers: cookie() });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    const r = await send(server.port, `/?token=${TOKEN}`, { headers: { host: `attacker.test:${server.port}` } });
    expect(r.status).toBe(421);
  });

  it('refuses a foreign Origin even with the cookie', async () => {
    const r = await send(server.port, '/api/invoke/app:info-get', {
      method: 'POST',
      headers: { ...cookie(), origin: 'https://evil.test', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(403);
  });

  it('answers calls with the Result of the handler', async () => {
    const r = await send(server.port, '/api/invoke/app:info-get', {
      method: 'POST',
      headers: { ...cookie(), origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { transport: 'http' } });
  });

  it('validates the payload and refuses unknown channels', async () => {
    const post = (channel: string, body: string) =>
      send(server.port, `/api/invoke/${channel}`, { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json' }, body });
    expect(JSON.parse((await post('app:graph-load', '{"jobId":1}')).body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.parse((await post('app:nope', '{}')).body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(JSON.parse((await post('app:info-get', '{not json')).body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers 400 for a malformed channel and 413 for a body over 1 MiB, and keeps serving', async () => {
    const bad = await send(server.port, '/api/invoke/%E0%A4%A', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const big = '{"x":"' + 'a'.repeat((1 << 20) + 10) + '"}';
    // Declared too large: refused before a byte of it is read.
    const declared = await send(server.port, '/api/invoke/app:info-get', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }, body: big });
    expect(declared.status).toBe(413);
    // Chunked (no length): refused once the limit is passed.
    const chunked = await send(server.port, '/api/invoke/app:info-get', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
    const after = await send(server.port, '/api/invoke/app:info-get', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/json' }, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('refuses a form post (not JSON)', async () => {
    const r = await send(server.port, '/api/invoke/app:info-get', { method: 'POST', headers: { ...cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(r.status).toBe(415);
  });

  it('streams events to connected pages', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, ...cookie() } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes(': connected')) events.emit('app:project-changed', { dir: '/p', file: '/p/go.mod' });
          if (text.includes('data: ')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(got).toContain('event: app:project-changed\ndata: {"dir":"/p","file":"/p/go.mod"}\n\n');
  });
});
