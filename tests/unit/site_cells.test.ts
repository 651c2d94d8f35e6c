import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/core/base/site_cells.ts';
import type { Cell, Commune, Site } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { countedSites, describeRule } from '../../src/core/coverage/counted_sites.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { xlsxWorkbook } from '../../src/io/formats/xlsx_write.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import { operatorName } from '../../src/io/import/operator_name.ts';
import { sitesFromCsv } from '../../src/io/import/sites.ts';
import { rect } from '../support/reference.ts';
import { ROOT } from '../support/sample.ts';

const commune = (id: string, w: number, s: number, e: number, n: number): Commune => ({
  id,
  name: `Xã ${id}`,
  districtId: 'D1',
  districtName: 'Huyện Một',
  provinceId: 'P1',
  provinceName: 'Tỉnh Thử',
  population: 10_000,
  setting: 'rural',
  geometry: rect(w, s, e, n),
});

const area4g = (sites: Site[], c: Commune) => {
  const r = analyze({ communes: [c], sites });
  const f = r.units
    .find((u) => u.id === c.id)!
    .coverage.find((x) => x.technology === '4G' && x.operator === 'all')!;
  return (f.area_pct / 100) * geodesicArea(c.geometry);
};

const sector = (azimuth_deg: number, extra: Partial<Cell> = {}): Cell => ({
  technology: '4G',
  status: 'on_air',
  azimuth_deg,
  beamwidth_deg: 120,
  radius_m: 3000,
  ...extra,
});

describe('a site with cells covers what its cells cover', () => {
  const c = commune('A', 108.0, 14.0, 108.2, 14.2);
  const at = { id: 'S', operator: 'Viettel', lon: 108.1, lat: 14.1 };

  it('three 120° sectors with 120° beams equal the omni circle (±0.5 %) and πr²', () => {
    const three: Site = { ...at, technologies: ['4G'], cells: [sector(0), sector(120), sector(240)] };
    const omni: Site = {
      ...at,
      technologies: ['4G'],
      cells: [{ technology: '4G', status: 'on_air', radius_m: 3000 }],
    };
    const a3 = area4g([three], c);
    const a1 = area4g([omni], c);
    expect(Math.abs(a3 - a1) / a1).toBeLessThan(0.005);
    expect(Math.abs(a1 - Math.PI * 9) / (Math.PI * 9)).toBeLessThan(0.002);
  });

  it('one sector covers a third; two overlapping sectors cover their union, not their sum', () => {
    const one: Site = { ...at, technologies: ['4G'], cells: [sector(90)] };
    const overlap: Site = { ...at, technologies: ['4G'], cells: [sector(90), sector(150)] };
    const full = Math.PI * 9;
    expect(area4g([one], c) / full).toBeCloseTo(1 / 3, 2);
    // 90±60 and 150±60 span 30°…210°: half the circle.
    expect(area4g([overlap], c) / full).toBeCloseTo(1 / 2, 2);
  });

  it('a one-record site and the same values as one cell give the same figures', () => {
    const record: Site = { ...at, technologies: ['4G'], azimuth_deg: 45, beamwidth_deg: 65, radius_m: 2500 };
    expect(cellsOf(record)).toEqual([
      { technology: '4G', status: 'on_air', azimuth_deg: 45, beamwidth_deg: 65, radius_m: 2500 },
    ]);
    const cell: Site = { ...at, technologies: ['4G'], cells: cellsOf(record) };
    expect(area4g([cell], c)).toBe(area4g([record], c));
  });
});

describe('rows sharing a site id are its cells', () => {
  const header = 'id,lon,lat,technology,operator,azimuth_deg,beamwidth_deg,status,year';
  it('three sectors and a 2G cell under one code are one site with four cells; no row rejected', () => {
    const csv = [
      header,
      'GL001,108.1,14.1,4G,Viettel,0,120,,',
      'GL001,108.1,14.1,4G,Viettel,120,120,,',
      'GL001,108.1,14.1,4G,Viettel,240,120,,',
      'GL001,108.10001,14.10001,2G,viettel,,360,,',
    ].join('\n');
    const r = sitesFromCsv(csv, 'op.csv', 2026);
    expect(r.issues).toEqual([]);
    expect(r.rowsKept).toBe(4);
    expect(r.sites).toHaveLength(1);
    const s = r.sites[0]!;
    expect(s.technologies).toEqual(['2G', '4G']);
    expect(s.cells!.map((x) => [x.technology, x.azimuth_deg ?? null, x.row])).toEqual([
      ['4G', 0, 2],
      ['4G', 120, 3],
      ['4G', 240, 4],
      ['2G', null, 5],
    ]);
    expect(s.lon).toBe(108.1);
  });

  it('the same id more than 50 m away is an error naming both rows; the first site is kept', () => {
    const csv = [header, 'X,108.1,14.1,4G,VNPT,0,120,,', 'X,108.1006,14.1,4G,VNPT,120,120,,'].join('\n');
    const r = sitesFromCsv(csv, 'op.csv', 2026);
    expect(r.sites).toHaveLength(1);
    expect(r.sites[0]!.cells ?? null).toBeNull(); // one row left: a one-record site
    expect(r.rowsKept).toBe(1);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 3, field: 'id', severity: 'error' });
    expect(r.issues[0]!.message).toMatch(
      /^site "X" is already at 108.1, 14.1 \(row 2\); this row puts it 65 m away/,
    );
  });

  it('within 50 m it is the same site; under another operator it is an error', () => {
    const csv = [
      header,
      'X,108.1,14.1,4G,VNPT,0,120,,',
      'X,108.1004,14.1,4G,VNPT,120,120,,', // 43 m
      'X,108.1,14.1,5G,MobiFone,0,120,,',
    ].join('\n');
    const r = sitesFromCsv(csv, 'op.csv', 2026);
    expect(r.sites[0]!.cells).toHaveLength(2);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([[4, 'operator']]);
    expect(r.issues[0]!.message).toContain("is VNPT's on row 2 but MobiFone's here");
  });

  it('a repeated row is warned about and counted once', () => {
    const csv = [header, 'X,108.1,14.1,4G,VNPT,0,120,,', 'X,108.1,14.1,4G,VNPT,0,120,,'].join('\n');
    const r = sitesFromCsv(csv, 'op.csv', 2026);
    expect(r.sites[0]!.cells).toHaveLength(1);
    expect(r.issues.map((i) => [i.row, i.severity])).toEqual([[3, 'warning']]);
  });

  it('status words in Vietnamese and English; an unknown status names the column and the value', () => {
    const csv = [
      header,
      'A,108.1,14.1,4G,Viettel,,,Đang phát sóng,2019',
      'B,108.2,14.1,4G,Viettel,,,Quy hoạch,2027',
      'C,108.3,14.1,4G,Viettel,,,dang hoat dong,',
      'D,108.4,14.1,4G,Viettel,,,Dự kiến,',
      'E,108.5,14.1,4G,Viettel,,,đã dỡ bỏ,2020',
      'F,108.6,14.1,4G,Viettel,,,,2028',
    ].join('\n');
    const r = sitesFromCsv(csv, 'op.csv', 2026);
    expect(r.sites.map((s) => [s.id, s.cells?.[0]?.status])).toEqual([
      ['A', 'on_air'],
      ['B', 'planned'],
      ['C', 'on_air'],
      ['D', 'planned'],
      ['F', 'planned'],
    ]);
    const e = r.issues.find((i) => i.severity === 'error')!;
    expect(e).toMatchObject({ row: 6, field: 'status', file: 'op.csv' });
    expect(e.message).toContain('unknown status "đã dỡ bỏ"');
    const w = r.issues.find((i) => i.severity === 'warning')!;
    expect(w).toMatchObject({ row: 7, field: 'status' });
    expect(w.message).toBe('no status and a year on air of 2028, after 2026: counted as planned');
  });
});

describe('the operator file of the issue, headers as written', () => {
  // The header of issue 13, one row per cell, no beamwidth column; a workbook would be the same table.
  const csv = [
    'Mã trạm,Tên trạm,Kinh độ,Vĩ độ,Công nghệ,Nhà mạng,Góc phương vị (độ),Độ cao anten (m),Trạng thái,Năm phát sóng',
    'GL-001,Ia Kha,108.0,13.98,4G,Viettel,0,30,Đang phát sóng,2016',
    'GL-001,Ia Kha,108.0,13.98,4G,Viettel,120,30,Đang phát sóng,2016',
    'GL-001,Ia Kha,108.0,13.98,4G,Viettel,240,30,Đang phát sóng,2016',
    'GL-001,Ia Kha,108.0,13.98,2G,Viettel,,30,Đang phát sóng,2010',
    'GL-002,Chư Păh,108.05,14.1,5G,VinaPhone,90,35,Quy hoạch,2027',
  ].join('\n');
  it('imports every row; sectors without a beamwidth share the circle (120° for three), with one warning', async () => {
    const r = await importFile(new TextEncoder().encode(csv), 'nha_mang.csv', 'sites');
    expect(r.rejected).toBe(0);
    expect(r.items.map((s) => s.id)).toEqual(['GL-001', 'GL-002']);
    const gl1 = r.items[0]!;
    expect(gl1.name).toBe('Ia Kha');
    expect(
      gl1.cells!.map((c) => [c.technology, c.azimuth_deg ?? null, c.beamwidth_deg ?? null, c.height_m]),
    ).toEqual([
      ['4G', 0, 120, 30],
      ['4G', 120, 120, 30],
      ['4G', 240, 120, 30],
      ['2G', null, null, 30],
    ]);
    expect(r.items[1]!.operator).toBe('VNPT');
    expect(r.items[1]!.cells![0]).toMatchObject({ status: 'planned', year: 2027, beamwidth_deg: 360 });
    const warnings = r.issues.filter((i) => i.severity === 'warning');
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^4 cell\(s\) have an azimuth but no beamwidth: each takes 360° ÷ the number of sectors/,
      ),
    ]);
  });
});

describe('today and as planned', () => {
  const sites: Site[] = [
    {
      id: 'A',
      operator: 'Viettel',
      lon: 108.05,
      lat: 14.05,
      technologies: ['4G', '5G'],
      cells: [
        { technology: '4G', status: 'on_air', year: 2018 },
        { technology: '5G', status: 'planned', year: 2027 },
      ],
    },
    {
      id: 'B',
      operator: 'VNPT',
      lon: 108.15,
      lat: 14.05,
      technologies: ['5G'],
      cells: [{ technology: '5G', status: 'planned', year: 2029 }],
    },
    { id: 'C', operator: 'VNPT', lon: 108.15, lat: 14.15, technologies: ['4G'] },
    {
      id: 'D',
      operator: 'VNPT',
      lon: 108.05,
      lat: 14.15,
      technologies: ['4G'],
      cells: [{ technology: '4G', status: 'planned' }],
    },
  ];
  it('today counts on-air cells only; a site with none is left out', () => {
    const t = countedSites(sites);
    expect(t.sites.map((s) => [s.id, s.technologies])).toEqual([
      ['A', ['4G']],
      ['C', ['4G']],
    ]);
    expect(t).toMatchObject({
      onAirCells: 2,
      plannedCounted: 0,
      plannedLeftOut: 3,
      plannedWithoutYear: 1,
      sitesLeftOut: 2,
    });
  });
  it('as of a year counts planned cells of that year or earlier, never one with no year', () => {
    expect(countedSites(sites, { asOf: 2026 }).plannedCounted).toBe(0);
    const p = countedSites(sites, { asOf: 2027 });
    expect(p.sites.map((s) => [s.id, s.technologies])).toEqual([
      ['A', ['4G', '5G']],
      ['C', ['4G']],
    ]);
    expect(p).toMatchObject({ plannedCounted: 1, plannedLeftOut: 2, sitesLeftOut: 2 });
    expect(countedSites(sites, { asOf: 2030 }).sites.map((s) => s.id)).toEqual(['A', 'B', 'C']);
    expect(describeRule({ asOf: 2027 })).toContain('2027 or earlier');
  });
  it('5G coverage is 0 today and the planned cell’s circle as of 2027', () => {
    const c = commune('A', 108.0, 14.0, 108.2, 14.2);
    const fig = (asOf: number | null) =>
      analyze({ communes: [c], sites: countedSites(sites, { asOf }).sites })
        .units.find((u) => u.id === 'A')!
        .coverage.find((x) => x.technology === '5G' && x.operator === 'all')!.area_pct;
    expect(fig(null)).toBe(0);
    expect(fig(2027)).toBeGreaterThan(0);
    expect(fig(2029)).toBeCloseTo(2 * fig(2027), 6);
  });
});

describe('operator names', () => {
  it.each([
    ['viettel', 'Viettel'],
    ['VinaPhone', 'VNPT'],
    ['VNPT-VinaPhone', 'VNPT'],
    ['Mobifone', 'MobiFone'],
    ['VMS', 'MobiFone'],
    ['vietnamobile', 'Vietnamobile'],
    ['  Công ty  Khác ', 'Công ty Khác'],
  ])('%s → %s', (raw, name) => expect(operatorName(raw)).toBe(name));
});

describe('an operator file end to end', () => {
  const BIN = join(ROOT, 'bin/vungphu.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-cells-'));
  // One row per cell: a three-sector 4G site with a 2G cell, a 5G site planned for 2027, a site on air.
  const perCell = [
    'id,name,lon,lat,technology,operator,band,azimuth_deg,beamwidth_deg,height_m,status,year',
    'GL-001,Trạm Ia Kha,108.0,13.98,LTE,Viettel,1800,0,120,30,Đang phát sóng,2016',
    'GL-001,Trạm Ia Kha,108.0,13.98,LTE,Viettel,1800,120,120,30,Đang phát sóng,2016',
    'GL-001,Trạm Ia Kha,108.0,13.98,LTE,Viettel,1800,240,120,30,Đang phát sóng,2016',
    'GL-001,Trạm Ia Kha,108.0,13.98,GSM,Viettel,900,,,30,Đang phát sóng,2010',
    'GL-002,Trạm Chư Păh,108.05,14.1,NR,VinaPhone,3500,,,35,Quy hoạch,2027',
    'GL-003,Trạm Biển Hồ,108.02,14.05,4G,Mobifone,2100,,,25,Đang hoạt động,2020',
  ].join('\n');
  // The same on-air cells in canonical columns, one row per cell; the planned site absent.
  const canonical = [
    'id,lon,lat,technology,operator,azimuth_deg,beamwidth_deg',
    'GL-001,108.0,13.98,4G,Viettel,0,120',
    'GL-001,108.0,13.98,4G,Viettel,120,120',
    'GL-001,108.0,13.98,4G,Viettel,240,120',
    'GL-001,108.0,13.98,2G,Viettel,,',
    'GL-003,108.02,14.05,4G,MobiFone,,',
  ].join('\n');
  writeFileSync(join(dir, 'cells.csv'), perCell);
  writeFileSync(join(dir, 'canonical.csv'), canonical);
  const analyzeTo = (out: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'analyze', '--out', out, ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(0);
    return {
      stderr: r.stderr,
      report: JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8')) as CoverageReport,
    };
  };
  const province = (r: CoverageReport) =>
    r.units.filter((u) => u.level === 'province').map((u) => u.coverage);

  it('imports every row, counts only what is on air today, and names the rule', async () => {
    const imp = await importFile(new TextEncoder().encode(perCell), 'cells.csv', 'sites');
    expect(imp.rejected).toBe(0);
    expect(imp.summary).toBe('cells.csv: imported 6 of 6 rows (3 site(s) with 6 cell(s)); 0 rejected');
    const today = analyzeTo('today', '--sites', 'cells.csv');
    expect(today.stderr).toContain(
      'counting cells on air today: 5 cell(s); 1 planned cell(s) left out, so 1 site(s) not yet on air',
    );
    expect(today.report.method.cell_counting).toEqual({
      as_of: null,
      rule: 'cells on air only (planned cells left out)',
      on_air_cells: 5,
      planned_counted: 0,
      planned_left_out: 1,
      planned_without_year: 0,
      sites_left_out: 1,
    });
    // By default analyze writes the sites and cells CSV, and the GIS layers only when asked for.
    expect(existsSync(join(dir, 'today/sites_cells.csv'))).toBe(true);
    expect(existsSync(join(dir, 'today/infrastructure.gpkg'))).toBe(false);
    const canon = analyzeTo('canon', '--sites', 'canonical.csv');
    expect(province(today.report)).toEqual(province(canon.report));
    expect(today.report.operators).toEqual(['MobiFone', 'Viettel']);
  });

  it('the same file with Vietnamese headers, as CSV and as a workbook with a title row, gives exactly the same figures', () => {
    const rows = perCell.split('\n').map((l) => l.split(','));
    const viHeader = [
      'STT',
      'Mã trạm',
      'Tên trạm',
      'Kinh độ',
      'Vĩ độ',
      'Công nghệ',
      'Nhà mạng',
      'Băng tần',
      'Góc phương vị (độ)',
      'Độ rộng búp sóng (độ)',
      'Độ cao anten (m)',
      'Trạng thái',
      'Năm phát sóng',
    ];
    const body = rows.slice(1).map((r, i) => [String(i + 1), ...r]);
    writeFileSync(join(dir, 'vi.csv'), [viHeader, ...body].map((r) => r.join(',')).join('\n'));
    const cell = (v: string) => (v !== '' && /^-?[\d.]+$/.test(v) ? Number(v) : v);
    writeFileSync(
      join(dir, 'vi.xlsx'),
      xlsxWorkbook(
        [
          {
            name: 'Danh sách cell',
            columns: [
              { header: 'DANH SÁCH CELL TRẠM BTS TỈNH GIA LAI (SỐ LIỆU GIẢ LẬP)' },
              ...viHeader.slice(1).map(() => ({ header: '' })),
            ],
            rows: [[], viHeader, ...body.map((r) => r.map(cell))],
          },
        ],
        { title: 'cells', creator: 'test', created: '2026-01-01T00:00:00Z' },
      ),
    );
    const canon = analyzeTo('canon2', '--sites', 'canonical.csv');
    for (const file of ['vi.csv', 'vi.xlsx']) {
      const r = analyzeTo(`out-${file}`, '--sites', file);
      expect(r.stderr).toContain(`${file}: imported 6 of 6 rows (3 site(s) with 6 cell(s)); 0 rejected`);
      expect(province(r.report)).toEqual(province(canon.report));
      expect(r.report.units.map((u) => u.coverage)).toEqual(canon.report.units.map((u) => u.coverage));
    }
  });

  it('--as-of 2027 counts the planned 5G site; --as-of 2026 does not', () => {
    const planned = analyzeTo('p2027', '--sites', 'cells.csv', '--as-of', '2027');
    const fiveG = (r: CoverageReport) =>
      r.units
        .find((u) => u.level === 'province')!
        .coverage.find((x) => x.technology === '5G' && x.operator === 'all')?.population_pct ?? 0;
    expect(fiveG(planned.report)).toBeGreaterThan(0);
    expect(planned.report.method.cell_counting).toMatchObject({
      as_of: 2027,
      planned_counted: 1,
      planned_left_out: 0,
    });
    expect(planned.report.operators).toEqual(['MobiFone', 'VNPT', 'Viettel']);
    const before = analyzeTo('p2026', '--sites', 'cells.csv', '--as-of', '2026');
    expect(fiveG(before.report)).toBe(0);
  });

  it('report --as-of 2027 passes the year to the analysis; the method sheet names the rule', () => {
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'report',
        '--sites',
        'cells.csv',
        '--as-of',
        '2027',
        '--format',
        'csv',
        '--lang',
        'en',
        '--out',
        'rep',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'rep/report.json'), 'utf8')) as CoverageReport;
    expect(report.method.cell_counting?.as_of).toBe(2027);
    // --format csv: the infrastructure as CSV, no GIS layers.
    expect(existsSync(join(dir, 'rep/sites_cells.csv'))).toBe(true);
    expect(existsSync(join(dir, 'rep/infrastructure.kml'))).toBe(false);
    expect(readFileSync(join(dir, 'rep/report_method.csv'), 'utf8')).toContain(
      'Cells counted,"On air, plus planned cells on air by 2027: 5 + 1 cells; 0 planned cells left out"',
    );
  });

  it('a bad --as-of is a clear message', () => {
    const r = spawnSync(process.execPath, [BIN, 'analyze', '--as-of', 'next year', '--out', 'x'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--as-of must be a year between 1990 and 2100 (got "next year")');
  });
});
