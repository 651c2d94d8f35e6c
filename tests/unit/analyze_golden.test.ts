/**
 * Golden fixtures for `analyze`: tests/fixtures/analyze/<case>.in.geojson (communes and sites as
 * features, options in the top-level `properties`) → <case>.out.json (the unit figures and, for
 * looking at, the gap polygons coloured red). Regenerate with UPDATE=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { ROOT } from '../support/sample.ts';

const dir = join(ROOT, 'tests/fixtures/analyze');
const round = (v: number) => Math.round(v * 1e4) / 1e4;

describe('analyze golden fixtures', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.in.geojson'))) {
    const name = file.replace('.in.geojson', '');
    it(name, () => {
      const fc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const pick = (role: string) => ({
        ...fc,
        features: fc.features.filter((f: { properties: { role: string } }) => f.properties.role === role),
      });
      const { communes } = communesFromGeoJSON(pick('commune'), { file });
      const { sites, issues } = sitesFromGeoJSON(pick('site'), file);
      expect(issues).toEqual([]);
      const options = fc.properties ?? {};
      const result = analyze(
        { communes, sites },
        options.gapTechnologies ? { gapTechnologies: options.gapTechnologies } : {},
      );
      const out = {
        units: result.units.map((u) => ({
          id: u.id,
          level: u.level,
          area_km2: round(u.area_km2),
          coverage: Object.fromEntries(
            u.coverage.map((c) => [`${c.technology}/${c.operator}`, round(c.area_pct)]),
          ),
          gaps: u.gaps.map((g) => ({
            technology: g.technology,
            area_km2: round(g.area_km2),
            population: round(g.population),
          })),
        })),
        gaps: {
          type: 'FeatureCollection',
          features: result.gaps.map((g) => ({
            type: 'Feature',
            properties: {
              unit_id: g.unitId,
              technology: g.technology,
              area_km2: round(g.area_km2),
              stroke: '#d62728',
              fill: '#d62728',
            },
            geometry: g.geometry,
          })),
        },
      };
      const outPath = join(dir, `${name}.out.json`);
      if (process.env.UPDATE === '1' || !existsSync(outPath))
        writeFileSync(outPath, `${JSON.stringify(out, null, 1)}\n`);
      expect(out).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
    });
  }
});
