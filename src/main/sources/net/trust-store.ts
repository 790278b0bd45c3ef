/**
 * The certificates HTTPS requests trust: Node's bundled roots plus the system's, found as Go's
 * crypto/x509 finds them on Linux: the file $SSL_CERT_FILE, else the first bundle of the usual
 * list that exists; and every file of the directories in $SSL_CERT_DIR (colon-separated), else
 * of the usual directories. A TLS-intercepting proxy whose CA the system trusts (or that
 * SSL_CERT_FILE names) then works as it does for go. (Node 20 has no tls.getCACertificates.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/** Go's certFiles for Linux (crypto/x509/root_linux.go), in its order. */
const CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];
/** Go's certDirectories for Linux. */
const CERT_DIRS = ['/etc/ssl/certs', '/etc/pki/tls/certs'];

const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

function pemBlocks(text: string): string[] {
  return text.match(PEM) ?? [];
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** systemCertificates returns the PEM certificates of the system store as Go would load them. */
export function systemCertificates(env: Env): string[] {
  const out = new Set<string>();
  const files = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : CERT_FILES;
  for (const f of files) {
    const text = readText(f);
    if (text === undefined) continue;
    for (const b of pemBlocks(text)) out.add(b);
    break;
  }
  const dirs = env.SSL_CERT_DIR !== undefined ? env.SSL_CERT_DIR.split(':').filter(Boolean) : CERT_DIRS;
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      const p = join(d, n);
      try {
        if (!statSync(p).isFile()) continue;
      } catch {
        continue;
      }
      const text = readText(p);
      if (text !== undefined) for (const b of pemBlocks(text)) out.add(b);
    }
  }
  return [...out];
}

const contexts = new Map<string, SecureContext>();

/**
 * trustContext is the TLS context for requests under env: Node's roots and the system's. It is
 * built once per (SSL_CERT_FILE, SSL_CERT_DIR), since parsing a few hundred certificates for
 * every connection would cost milliseconds each.
 */
export function trustContext(env: Env): SecureContext {
  const key = `${env.SSL_CERT_FILE ?? ''}\0${env.SSL_CERT_DIR ?? '\0'}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    const ca = [...new Set([...rootCertificates, ...systemCertificates(env)])];
    ctx = createSecureContext({ ca });
    contexts.set(key, ctx);
  }
  return ctx;
}
