import type { AppErrorDto } from './app-error';

/**
 * Result is what every call across the renderer boundary returns: nothing throws across IPC or
 * HTTP, because Electron keeps only an Error's message and HTTP only what we serialise.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorDto };

/** ok wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** fail wraps an error as a failed Result. */
export function fail<T = never>(code: AppErrorDto['code'], message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
