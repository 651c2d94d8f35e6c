import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/core/base/group_digits.ts';

describe('groupDigits', () => {
  it('groups like Intl.NumberFormat (en) for integers of every length', () => {
    const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    let n = 1;
    for (let digits = 1; digits <= 16; digits++) {
      for (const x of [n, n * 3 + 7, n * 10 - 1]) {
        if (!Number.isSafeInteger(x)) continue;
        expect(groupDigits(String(x), ',')).toBe(en.format(x));
      }
      n *= 10;
    }
    expect(groupDigits('0', '.')).toBe('0');
    expect(groupDigits('1234567', '.')).toBe('1.234.567');
    // Not plain digits: left as it is.
    expect(groupDigits('Infinity', ',')).toBe('Infinity');
    expect(groupDigits('1e+21', ',')).toBe('1e+21');
  });
});
