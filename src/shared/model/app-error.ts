/**
 * ErrorCode says what kind of failure a call met, so that the renderer can choose what to show
 * without parsing messages.
 *
 * - invalid-request: the arguments did not match the contract's schema;
 * - forbidden: the sender or origin is not ours;
 * - unknown-channel: no such channel in the contract;
 * - unsupported: this transport cannot do it (a folder dialog in a browser);
 * - not-found: a directory or job that does not exist;
 * - canceled: the user canceled;
 * - conflict: a file changed on disk since it was read, so nothing was written;
 * - refused: the go command would refuse (its words are the message), or the project is read-only;
 * - internal: anything else (a bug).
 */
export type ErrorCode = 'invalid-request' | 'forbidden' | 'unknown-channel' | 'unsupported' | 'not-found' | 'canceled' | 'conflict' | 'refused' | 'internal';

/** AppErrorDto is an error as it crosses a process boundary: a code and a readable message. */
export interface AppErrorDto {
  readonly code: ErrorCode;
  readonly message: string;
}
