/**
 * Bounded echo of user values (src/core/base/show_value.ts) and the atomic output writer
 * (src/cli/output_files.ts): deep nesting and huge values never crash or flood a message; a write
 * failure (disk full, permission denied) is a UserError naming the file and the reason, and leaves
 * no partial file behind.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WriteFs, writeOutputFile } from '../../src/cli/output_files.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { cutText, MESSAGE_VALUE_CHARS, showValue } from '../../src/core/base/show_value.ts';
import { rejectedRowsCsv } from '../../src/io/import/rejected_rows.ts';

/** A value nested `depth` levels deep: {"a":{"a":…1…}}. */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('showValue', () => {
  it('is JSON.stringify for small values', () => {
    for (const v of [1, 'x', null, true, [1, 'a', { b: [null] }], { 'k"': 'v' }, [], {}])
      expect(showValue(v)).toBe(JSON.stringify(v));
  });

  it('shows nesting deeper than 20 levels as "[nested too deep]", even 5,000 levels', () => {
    expect(showValue(nested(2), 200, 1)).toBe('{"a":"[nested too deep]"}');
    const deep = showValue(nested(5000), 10_000);
    expect(deep).toBe(`${'{"a":'.repeat(20)}"[nested too deep]"${'}'.repeat(20)}`);
  });

  it('cuts a 50 MB string to the limit, saying how long it was', () => {
    const s = 'x'.repeat(50_000_000);
    const shown = showValue(s);
    expect(shown).toBe(`"${'x'.repeat(MESSAGE_VALUE_CHARS - 1)}… (50,000,000 characters)`);
    expect(cutText(s, 10)).toBe('xxxxxxxxxx… (50,000,000 characters)');
    expect(cutText('short', 10)).toBe('short');
  });

  it('cuts a huge list without walking all of it', () => {
    const shown = showValue(new Array(1_000_000).fill(7), 50);
    expect(shown.startsWith('[7,7,7')).toBe(true);
    expect(shown.endsWith('… (cut)')).toBe(true);
    expect(shown.length).toBe(50 + '… (cut)'.length);
  });

  it('does not crash on cycles or getters that throw', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(showValue(a, 100, 3)).toBe('{"self":{"self":{"self":"[nested too deep]"}}}');
    const bad = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(() => showValue(bad)).not.toThrow();
  });
});

describe('rejectedRowsCsv', () => {
  it('cuts a huge record value and a huge message', () => {
    const csv = rejectedRowsCsv([
      {
        path: 'features[0]',
        severity: 'error',
        message: 'm'.repeat(100_000),
        record: { v: 'y'.repeat(100_000) },
      },
    ]);
    expect(csv.length).toBeLessThan(25_000);
    expect(csv).toContain('… (100,000 characters)');
  });
});

/** The real file system, with one call replaced. */
const failing = (call: keyof WriteFs, code: string): WriteFs => {
  const fs: WriteFs = {
    writeFileSync: (p, d, o) => writeFileSync(p, d, o),
    renameSync: (a, b) => renameSync(a, b),
    unlinkSync: (p) => unlinkSync(p),
  };
  const real = fs[call] as (...args: unknown[]) => void;
  (fs as unknown as Record<string, unknown>)[call] = (...args: unknown[]) => {
    if (call === 'writeFileSync') {
      // Half the data reaches the disk, then the disk is full.
      const [p, d, o] = args as [string, string, { flag: string }];
      real(p, d.slice(0, d.length / 2), o);
    }
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  return fs;
};

describe('writeOutputFile', () => {
  it('writes the file whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-write-'));
    writeOutputFile(join(dir, 'report.json'), '{"a":1}\n');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it.each([
    ['writeFileSync', 'ENOSPC', 'disk full, ENOSPC'],
    ['writeFileSync', 'EACCES', 'permission denied, EACCES'],
    ['renameSync', 'EROFS', 'read-only file system, EROFS'],
  ] as const)(
    'a failing %s (%s) is a UserError naming the file and "%s", with no partial file',
    (call, code, reason) => {
      const dir = mkdtempSync(join(tmpdir(), 'vungphu-write-'));
      const path = join(dir, 'report.json');
      writeFileSync(path, 'the previous complete report\n');
      let error: unknown;
      try {
        writeOutputFile(path, 'x'.repeat(1000), failing(call, code));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toBe(
        `${path}: could not be written (${reason}); no partial file was left.`,
      );
      // The earlier complete file is untouched; the temporary file is gone.
      expect(readFileSync(path, 'utf8')).toBe('the previous complete report\n');
      expect(readdirSync(dir)).toEqual(['report.json']);
    },
  );

  it('writing into /dev/full (a real ENOSPC) fails cleanly', () => {
    if (!existsSync('/dev/full')) return; // not Linux: the injected cases above cover it
    const fs: WriteFs = {
      writeFileSync: (_p, d) => writeFileSync('/dev/full', d),
      renameSync: () => {},
      unlinkSync: () => {},
    };
    expect(() => writeOutputFile('/tmp/nowhere/report.json', 'x', fs)).toThrow(
      '/tmp/nowhere/report.json: could not be written (disk full, ENOSPC)',
    );
  });
});
