/**
 * The report.json validator (src/io/import/report_schema.ts): a valid report passes, each tampering is
 * named with its JSON path, and seeded random mutations of a valid report give a report or a UserError,
 * never another error (and a report that passes can be compared and ranked without a TypeError).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { compareReports } from '../../src/core/report/compare_reports.ts';
import { rankCommunes } from '../../src/core/report/rank_communes.ts';
import { reportIndicators } from '../../src/core/report/report_indicators.ts';
import { reportCsv } from '../../src/io/export/report_csv.ts';
import { readReportJson, reportProblems } from '../../src/io/import/report_schema.ts';
import { miniReport } from '../support/mini_report.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary JSON
type Json = any;

const SEED = 20_261_201;

const tampered = (edit: (r: Record<string, Json>) => void) => {
  const r = JSON.parse(JSON.stringify(miniReport()));
  edit(r);
  return r;
};

describe('reportProblems', () => {
  it('finds nothing wrong in a valid report', () => {
    expect(reportProblems(JSON.parse(JSON.stringify(miniReport())))).toEqual([]);
  });

  it('accepts a dead-zone village without the site id and bearing (reports written before issue 15)', () => {
    const r = tampered((x) => {
      x.dead_zone_villages = [
        {
          village_id: 'v',
          name: null,
          commune_id: '1',
          commune_name: 'Xã A',
          population: 10,
          has_grid_power: null,
          nearest_4g_site_km: 0.1,
        },
      ];
    });
    expect(reportProblems(r)).toEqual([]);
  });

  it.each([
    [
      'a text for a percentage',
      (r: Json) => {
        r.units[3].coverage[0].population_pct = 'abc';
      },
      'units[3].coverage[0].population_pct: must be a number (got "abc")',
    ],
    [
      'units not a list',
      (r: Json) => {
        r.units = {};
      },
      'units: must be a list (got an object)',
    ],
    [
      'a missing coverage list',
      (r: Json) => {
        delete r.units[0].coverage;
      },
      'units[0].coverage: is missing',
    ],
    [
      'a null target',
      (r: Json) => {
        r.targets[0] = null;
      },
      'targets[0]: must be an object (got null)',
    ],
    [
      'a negative area',
      (r: Json) => {
        r.units[1].area_km2 = -5;
      },
      'units[1].area_km2: must be at least 0 (got -5)',
    ],
    [
      'a percentage over 100',
      (r: Json) => {
        r.units[0].coverage[1].area_pct = 250;
      },
      'units[0].coverage[1].area_pct: must be between 0 and 100 (got 250)',
    ],
    [
      'an unknown level',
      (r: Json) => {
        r.units[2].level = 'country';
      },
      'units[2].level: must be one of commune, district, province (got "country")',
    ],
    [
      'a bearing over 360° to the nearest 4G site',
      (r: Json) => {
        r.dead_zone_villages = [
          {
            village_id: 'v',
            name: null,
            commune_id: '1',
            commune_name: 'Xã A',
            population: 10,
            has_grid_power: null,
            nearest_4g_site_km: 0.1,
            nearest_4g_site_id: 'S1',
            nearest_4g_bearing_deg: 400,
          },
        ];
      },
      'dead_zone_villages[0].nearest_4g_bearing_deg: must be between 0 and 360 (got 400)',
    ],
    [
      'inputs missing',
      (r: Json) => {
        delete r.inputs;
      },
      'inputs: is missing',
    ],
  ])('names %s with its JSON path', (_name, edit, message) => {
    expect(reportProblems(tampered(edit))).toEqual([message]);
  });

  it('returns every problem at once', () => {
    const r = tampered((x) => {
      x.units[0].name = 7;
      x.units[1].population = null;
      x.operators = 'Viettel';
    });
    expect(reportProblems(r)).toEqual([
      'operators: must be a list (got "Viettel")',
      'units[0].name: must be a text (got 7)',
      'units[1].population: must be a number (got null)',
    ]);
  });

  it('refuses what is not an object at all', () => {
    expect(reportProblems([])).toEqual(['(top level): must be an object (got a list)']);
    expect(reportProblems(null)).toEqual(['(top level): must be an object (got null)']);
  });
});

describe('readReportJson', () => {
  it('names the file and the field', () => {
    const text = JSON.stringify(tampered((r) => (r.units[3].coverage[0].population_pct = 'x')));
    expect(() => readReportJson(text, 'old/report.json')).toThrow(
      /^old\/report\.json: not a valid Vùng Phủ report\.json \(1 problem\(s\)\): units\[3\]\.coverage\[0\]\.population_pct: must be a number/,
    );
  });

  it('lists the first 20 problems and counts the rest', () => {
    const r = tampered((x) => {
      for (const u of x.units) for (const c of u.coverage) c.population_pct = 'x';
    });
    const n = reportProblems(r).length;
    expect(n).toBeGreaterThan(20);
    let message = '';
    try {
      readReportJson(JSON.stringify(r), 'r.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`(${n} problem(s))`);
    expect(message).toContain(`and ${n - 20} more`);
  });

  it('is not JSON: a UserError with the position', () => {
    expect(() => readReportJson('{"units": [', 'r.json')).toThrow(UserError);
  });
});

/** A random edit of a JSON value: replace, delete or retype a node somewhere in it. */
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant({ id: 1 }),
);

function mutate(root: Json, picks: number[], value: unknown): Json {
  let node = root;
  for (let i = 0; i < picks.length; i++) {
    if (node === null || typeof node !== 'object') return root;
    const keys = Object.keys(node);
    if (!keys.length) return root;
    const key = keys[picks[i]! % keys.length]!;
    const last = i === picks.length - 1 || node[key] === null || typeof node[key] !== 'object';
    if (last) {
      if (value === undefined) {
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete node[key];
      } else node[key] = value;
      return root;
    }
    node = node[key];
  }
  return root;
}

describe('fuzzing the report reader (seeded)', () => {
  it('gives a report or a UserError, and a report that passes can be compared, ranked and written as CSV', () => {
    const base = JSON.stringify(miniReport());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), junk), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          let r = JSON.parse(base);
          for (const [picks, value] of edits) r = mutate(r, picks, value);
          let report: ReturnType<typeof readReportJson> | null = null;
          try {
            report = readReportJson(JSON.stringify(r) ?? 'null', 'fuzz.json');
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            expect(e.message).toMatch(/^fuzz\.json: /);
            return;
          }
          const comparison = compareReports(report, report);
          const rows = rankCommunes(report, 'mobile.4G.population_pct');
          for (const ind of reportIndicators(report)) rankCommunes(report, ind.id);
          reportCsv(report, { comparison, ranking: { indicator: 'mobile.4G.population_pct', rows } });
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('survives flipped and cut text', () => {
    const base = JSON.stringify(miniReport());
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(base.length),
        fc.string({ minLength: 1, maxLength: 1 }),
        (at, cut, ch) => {
          const text = `${base.slice(0, at)}${ch}${base.slice(at + 1)}`.slice(0, Math.max(at, cut));
          try {
            readReportJson(text, 'f.json');
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
          }
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('the report.json messages in Vietnamese (the app shows them for a baseline import)', () => {
  it('translates both refusals', async () => {
    const { messageText } = await import('../../src/app/i18n/issue_text.ts');
    const refusal = (text: string) => {
      try {
        readReportJson(text, 'cũ.json');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    const tamperedText = JSON.stringify(tampered((r) => (r.units[0].area_km2 = -1)));
    expect(messageText(refusal(tamperedText))).toBe(
      'cũ.json: không phải tệp report.json hợp lệ của Vùng Phủ (1 vấn đề): units[0].area_km2: must be at least 0 (got -1). Hãy dùng tệp report.json do Vùng Phủ xuất ra, không chỉnh sửa',
    );
    expect(messageText(refusal('{"province":"Gia Lai","targets":[]}'))).toBe(
      'cũ.json: không phải tệp report.json của Vùng Phủ (không có units hoặc method)',
    );
  });
});
