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
