/**
 * "Add to the loaded data" (issue 15): an imported file's records put on top of the loaded ones. Small
 * hand-made lists, so that every count can be checked by eye.
 */
import { describe, expect, it } from 'vitest';
import { addRecords } from '../../src/app/worker/add_records.ts';
import { deepFreeze } from '../support/freeze.ts';

const rec = (id: string, v: number) => ({ id, v });

describe('addRecords', () => {
  it('appends records of new ids after the loaded ones, in the file order', () => {
    const loaded = deepFreeze([rec('A', 1), rec('B', 2)]);
    const added = deepFreeze([rec('D', 4), rec('C', 3)]);
    const r = addRecords(loaded, added);
    expect(r.items.map((x) => x.id)).toEqual(['A', 'B', 'D', 'C']);
    expect(r).toMatchObject({ added: 2, replaced: 0 });
  });

  it('a record whose id is loaded replaces it in place: the count stays', () => {
    const r = addRecords([rec('A', 1), rec('B', 2), rec('C', 3)], [rec('B', 20), rec('E', 5)]);
    expect(r.items).toEqual([rec('A', 1), rec('B', 20), rec('C', 3), rec('E', 5)]);
    expect(r).toMatchObject({ added: 1, replaced: 1 });
    expect(r.items.length).toBe(3 + r.added);
  });

  it('the same file added twice changes nothing the second time', () => {
    const file = [rec('X', 1), rec('Y', 2)];
    const once = addRecords([rec('A', 0)], file);
    const twice = addRecords(once.items, file);
    expect(twice.items).toEqual(once.items);
    expect(twice).toMatchObject({ added: 0, replaced: 2 });
  });

  it('nothing loaded: the file alone', () => {
    expect(addRecords([], [rec('A', 1)])).toEqual({ items: [rec('A', 1)], added: 1, replaced: 0 });
  });
});
