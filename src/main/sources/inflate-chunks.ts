/**
 * Inflating a raw deflate stream a chunk at a time into one reused buffer, so that memory stays
 * flat whatever the data inflates to. Node's public zlib streams allocate a fresh buffer for
 * every chunk and V8 collects them only after tens of megabytes of them have piled up (a 1 MiB
 * zip bomb costs 50 MB more than it should); zlib's synchronous API, which those streams are
 * built on, takes an output buffer to fill, and that is what is used here. Where it is missing
 * (it is not public), the stream is used instead.
 */
import { constants, createInflateRaw, type InflateRaw } from 'node:zlib';

/** The zlib handle's synchronous write, as Node's own zlibBufferSync calls it. */
interface SyncHandle {
  writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void;
}

/** InflateError is a deflate stream zlib rejects; code is zlib's (Z_BUF_ERROR: it ends too soon). */
export class InflateError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Bytes inflated between two turns of the event loop, so that a bomb never freezes the app. */
const YIELD_EVERY = 64 << 20;

/**
 * inflateRawChunks inflates data and hands the result to onChunk, at most chunkSize bytes at a
 * time, in a buffer that is overwritten by the next chunk (onChunk must use it at once). onChunk
 * may throw to stop. Data after the end of the deflate stream is ignored, as Go's flate does.
 */
export async function inflateRawChunks(data: Buffer, chunkSize: number, onChunk: (b: Buffer) => void, signal?: AbortSignal): Promise<void> {
  const inflater = createInflateRaw();
  const internals = inflater as unknown as { _handle?: Partial<SyncHandle>; _writeState?: Uint32Array };
  const handle = internals._handle;
  if (typeof handle?.writeSync !== 'function' || !(internals._writeState instanceof Uint32Array)) return streamChunks(inflater, data, onChunk, signal);
  let error: (Error & { code?: string }) | undefined;
  inflater.on('error', (e: Error) => (error = e));
  const out = Buffer.allocUnsafe(chunkSize);
  let inOff = 0;
  let inLen = data.length;
  let sinceYield = 0;
  try {
    for (;;) {
      handle.writeSync(constants.Z_FINISH, data, inOff, inLen, out, 0, chunkSize);
      if (error) throw new InflateError(error.message, error.code);
      const [availOut, availIn] = internals._writeState;
      const got = chunkSize - availOut!;
      inOff += inLen - availIn!;
      inLen = availIn!;
      if (got === 0) return;
      onChunk(out.subarray(0, got));
      sinceYield += got;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
        signal?.throwIfAborted();
      }
    }
  } finally {
    inflater.close();
  }
}

function streamChunks(inflater: InflateRaw, data: Buffer, onChunk: (b: Buffer) => void, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      inflater.destroy();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (err?: unknown): void => {
      signal?.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    inflater.on('data', (b: Buffer) => {
      try {
        onChunk(b);
      } catch (e) {
        inflater.destroy();
        done(e);
      }
    });
    inflater.on('error', (e: Error & { code?: string }) => done(new InflateError(e.message, e.code)));
    inflater.on('end', () => done());
    inflater.end(data);
  });
}
