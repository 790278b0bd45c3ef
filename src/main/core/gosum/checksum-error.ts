const GO_SUM_MISMATCH = `

SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.
`;

/**
 * ChecksumMismatchError: downloaded bytes differ from go.sum. It is fatal, as in the go command:
 * loading stops and the file is not used.
 */
export class ChecksumMismatchError extends Error {
  readonly fatal = true;

  constructor(path: string, version: string, downloaded: string, sumFile: string, recorded: string) {
    super(`verifying ${path}@${version}: checksum mismatch\n\tdownloaded: ${downloaded}\n\t${sumFile}:     ${recorded}${GO_SUM_MISMATCH}`);
    this.name = 'ChecksumMismatchError';
  }
}

const HASH_VERSION_MISMATCH = `

SECURITY WARNING
This download is listed in go.sum, but using an unknown hash algorithm.
The download cannot be verified.

For more information, see 'go help module-auth'.

`;

/**
 * unknownHashesWarning is what go prints (modfetch.addModSumLocked) when it adds hash for a key
 * that go.sum lists only with hashes of an unknown algorithm (none of them "h1:").
 */
export function unknownHashesWarning(path: string, version: string, unknown: readonly string[], hash: string): string {
  return `warning: verifying ${path}@${version}: unknown hashes in go.sum: ${unknown.join(', ')}; adding ${hash}${HASH_VERSION_MISMATCH}`;
}
