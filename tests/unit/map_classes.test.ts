/**
 * One palette and one set of classes for the same indicator in the app's map and the PDF's maps
 * (issue 15): the PDF's legend rows (labels and colours) equal the app legend's, fixed or fitted to the
 * data, in both languages; and the palette is ColorBrewer's YlGnBu (no red–green ramp).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/app/i18n/i18n.ts';
import { mapScale } from '../../src/app/map/fitted_scale.ts';
import { legendClasses } from '../../src/app/map/legend.ts';
import { classLabels } from '../../src/io/export/map_classes.ts';
import type { PdfLayout } from '../../src/io/export/pdf/pdf_layout.ts';
import { pdfReportContext } from '../../src/io/export/pdf/pdf_report_context.ts';
import { miniReport, miniUnit } from '../support/mini_report.ts';

/** A report of 30 communes whose 5G coverage is 0 % in 12 of them and spread over 0.4–37 % in the others. */
function spreadReport() {
  const r = miniReport();
  const communes = Array.from({ length: 30 }, (_, i) => {
    const g5 = i < 12 ? 0 : Math.round((i - 11) ** 1.25 * 10) / 10 + 0.4;
    const g4 = 40 + 2 * i;
    return miniUnit(String(100 + i), `Xã ${i}`, 'commune', '10', 1000 + i, { '4G': g4, '5G': g5, any: 99 });
  });
  return { ...r, units: [...communes, ...r.units.filter((u) => u.level !== 'commune')] };
}

const hex = (rgb: readonly number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The PDF legend's rows, highest class first, as the PDF draws them (without "no data"). */
function pdfLegend(indicator: string, classes: 'fixed' | 'quantile', lang: 'vi' | 'en') {
  const report = spreadReport();
  const ctx = pdfReportContext(report, { communes: new Map(), gaps: [] } as never, {} as PdfLayout, {
    lang,
    mapIndicator: indicator,
    mapClasses: classes,
  });
  const opt = ctx.mapOptions(false, new Set());
  return [...opt.classes].reverse().map((c) => ({ color: hex(c.color), label: opt.classLabel(c, false) }));
}

/** The app legend's rows for the same figures (without "no data"). */
function appLegend(tech: '4G' | '5G', classes: 'fixed' | 'quantile') {
  const values = spreadReport()
    .units.filter((u) => u.level === 'commune')
    .map((u) => u.coverage.find((c) => c.technology === tech && c.operator === 'all')!.population_pct);
  const rows = legendClasses('mobile_pop', mapScale('mobile_pop', classes, values));
  return rows.slice(0, -1).map((r) => ({ color: r.color.toLowerCase(), label: r.label }));
}

afterEach(() => setLang('vi'));

describe('the PDF map classes are the app map classes', () => {
  for (const lang of ['vi', 'en'] as const)
    for (const [tech, classes] of [
      ['4G', 'fixed'],
      ['5G', 'fixed'],
      ['4G', 'quantile'],
      ['5G', 'quantile'],
    ] as const)
      it(`${tech} population coverage, ${classes} classes, ${lang}`, () => {
        setLang(lang);
        const app = appLegend(tech, classes);
        const pdf = pdfLegend(`mobile.${tech}.population_pct`, classes, lang);
        expect(pdf).toEqual(app);
        expect(app.length).toBeGreaterThanOrEqual(4);
      });

  it('the fixed classes read as the plans’ thresholds, in the YlGnBu palette (no red, no green-only end)', () => {
    const rows = pdfLegend('mobile.4G.population_pct', 'fixed', 'vi');
    expect(rows.map((r) => r.label)).toEqual(['≥ 99%', '95–99%', '90–95%', '80–90%', '50–80%', '< 50%']);
    // ColorBrewer YlGnBu, 6 classes (colorbrewer2.org), darkest blue for the best class.
    expect(rows.map((r) => r.color)).toEqual([
      '#253494',
      '#2c7fb8',
      '#41b6c4',
      '#7fcdbb',
      '#c7e9b4',
      '#ffffcc',
    ]);
  });

  it('fitted 5G classes give the many 0 % communes a class of their own, with a decimal comma in Vietnamese', () => {
    const vi = pdfLegend('mobile.5G.population_pct', 'quantile', 'vi').map((r) => r.label);
    expect(vi.at(-1)).toBe('< 0,1%');
    const en = pdfLegend('mobile.5G.population_pct', 'quantile', 'en').map((r) => r.label);
    expect(en.at(-1)).toBe('< 0.1%');
  });

  it('class labels: below the first break, between, and at or above the last', () => {
    expect(classLabels([1, 2.5], ' km', String)).toEqual(['< 1 km', '1–2.5 km', '≥ 2.5 km']);
  });
});
