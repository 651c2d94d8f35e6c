/** Positions written so that a pair reads as a pair (issue 15): "14.12009° N, 107.83813° E" in both languages. */
import { describe, expect, it } from 'vitest';
import { coordText } from '../../src/app/i18n/format.ts';

describe('coordText', () => {
  it('degrees with a decimal point, five decimals and the hemisphere letters', () => {
    expect(coordText(14.120094, 107.838126)).toBe('14.12009° N, 107.83813° E');
  });
  it('south and west', () => {
    expect(coordText(-33.5, -70.25)).toBe('33.50000° S, 70.25000° W');
  });
});
