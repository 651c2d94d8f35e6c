/**
 * English counts agree with their number ("1 village", "2 villages", "1,000 villages"): the
 * `{n|one|many}` choice of the app's `t()`; Vietnamese nouns do not change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang, t } from '../../src/app/i18n/i18n.ts';

afterEach(() => setLang('vi'));

describe('plurals in the English strings', () => {
  it('one village, one person; several villages and people', () => {
    setLang('en');
    expect(t('dead.title', { n: '1', people: '1' })).toBe('1 village without 4G, 1 person');
    expect(t('dead.title', { n: '2', people: '80' })).toBe('2 villages without 4G, 80 people');
    expect(t('dead.title', { n: '1,000', people: '0' })).toBe('1,000 villages without 4G, 0 people');
    expect(t('suggest.villages', { n: '1' })).toBe('1 village');
    expect(t('ranking.noStaffed', { n: '1' })).toBe('1 commune has no staffed postal point.');
    expect(t('ranking.noStaffed', { n: '3' })).toBe('3 communes have no staffed postal point.');
    expect(t('status.sites', { n: '1', source: 'x' })).toBe('1 site (x)');
    expect(t('popup.cells', { n: '1' })).toBe('1 cell');
  });

  it('Vietnamese is unchanged by the number', () => {
    setLang('vi');
    expect(t('dead.title', { n: '1', people: '1' })).toBe('1 thôn không có 4G, 1 người');
    expect(t('dead.title', { n: '2', people: '80' })).toBe('2 thôn không có 4G, 80 người');
  });

  it('a choice without its parameter is left as written (a missing parameter shows, as {name} does)', () => {
    setLang('en');
    expect(t('dead.title', {})).toBe('{n} {n|village|villages} without 4G, {people} {people|person|people}');
  });
});
