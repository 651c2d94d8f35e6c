/**
 * The CLI's input reader (src/cli/read_inputs.ts): only regular files, and the bytes counted as they are
 * read, so a size that stat gets wrong cannot get past the limit.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { osReason, readBytes } from '../../src/cli/read_inputs.ts';
import { UserError } from '../../src/core/base/errors.ts';

describe('readBytes', () => {
  it('reads a file of several chunks whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-read-'));
    const path = join(dir, 'big.csv');
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => i % 251);
    writeFileSync(path, data);
    const read = readBytes(path);
    // Byte for byte (toEqual on 3 MB walks every element as a generic value: about a minute).
    expect(read.length).toBe(data.length);
    expect(Buffer.from(read.buffer, read.byteOffset, read.length).equals(data)).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self/status'))(
    'counts the bytes read: /proc/self/status says 0 bytes to stat, but is refused past a 10-byte limit',
    () => {
      expect(() => readBytes('/proc/self/status', '--sites', 10)).toThrow(UserError);
      expect(() => readBytes('/proc/self/status', '--sites', 10)).toThrow(
        /^--sites \/proc\/self\/status \(read so far\): the file is .* over the 10 bytes import limit\./,
      );
    },
  );

  it('names the flag: missing file, folder, device', () => {
    expect(() => readBytes('/no/such/file.csv', '--sites')).toThrow('/no/such/file.csv: file not found.');
    expect(() => readBytes(tmpdir(), '--fiber')).toThrow(`--fiber ${tmpdir()}: is a folder, not a file`);
    if (existsSync('/dev/null'))
      expect(() => readBytes('/dev/null', '--villages')).toThrow(
        '--villages /dev/null: is a device, not a file',
      );
  });

  it('gives OS reasons in words', () => {
    expect(osReason(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('disk full, ENOSPC');
    expect(osReason(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBe('EWHATEVER');
    expect(osReason(new Error('plain'))).toBe('plain');
  });
});
