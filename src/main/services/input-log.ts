/**
 * InputLog records every file a command's answer depended on (and every file whose absence
 * mattered, such as a go.work that was looked for and not found), so that the answer can be
 * reused exactly while none of them changes.
 */
import { createHash } from 'node:crypto';

/** InputState is a file's content hash, "dir" for a directory, or null for "absent". */
export type InputState = string | 'dir' | null;

/** InputLog is the set of inputs of one command run. */
export class InputLog {
  readonly inputs = new Map<string, InputState>();

  file(path: string, data: Uint8Array | string): void {
    this.inputs.set(path, hashBytes(data));
  }

  missing(path: string): void {
    if (!this.inputs.has(path)) this.inputs.set(path, null);
  }

  dir(path: string): void {
    this.inputs.set(path, 'dir');
  }
}

/** hashBytes is the content hash InputLog keeps. */
export function hashBytes(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64');
}
