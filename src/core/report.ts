import type { AnalysisResult, EngineConfig, UnitResult } from './types.ts';

export interface ReportInputs {
  boundaries: string;
  sites: string;
  population: string | null;
  config: string | null;
  /** True when any input is the bundled synthetic sample. */
  synthetic: boolean;
}

export interface CoverageReport {
  generated_at: string;
  inputs: ReportInputs;
  method: {
    coverage: string;
    area: string;
    population_surface: string;
    population_method_by_commune: Record<string, string>;
    footprint_radii_m: EngineConfig['radii'];
    footprint_precedence: string;
    scanlines_per_commune: number;
    gap_technologies: string[];
    modelled: string;
  };
  operators: string[];
  technologies: string[];
  units: UnitResult[];
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Rounds a unit's figures for output: % to 4 decimals, km² to 4, people to 1. */
function roundUnit(u: UnitResult): UnitResult {
  return {
    ...u,
    area_km2: round(u.area_km2, 4),
    population: round(u.population, 1),
    coverage: u.coverage.map((c) => ({
      ...c,
      area_pct: round(c.area_pct, 4),
      population_pct: round(c.population_pct, 4),
      covered_population: round(c.covered_population, 1),
    })),
    gaps: u.gaps.map((g) => ({ ...g, area_km2: round(g.area_km2, 4), population: round(g.population, 1) })),
  };
}

/** Assembles report.json from an analysis result (schema: docs/report-schema.md). */
export function buildReport(
  result: AnalysisResult,
  config: EngineConfig,
  inputs: ReportInputs,
  generatedAt: Date,
): CoverageReport {
  const methods = new Set(Object.values(result.populationMethod));
  const surface =
    methods.size === 1 && methods.has('uniform')
      ? 'uniform: each commune’s census population spread evenly over its area (population % equals area %)'
      : 'points: share of village/raster population points covered, scaled to the commune’s census total; communes without points use the uniform spread';
  return {
    generated_at: generatedAt.toISOString(),
    inputs,
    method: {
      coverage:
        'union of site footprints ∩ unit; scanline integration in a local area-true plane (exact chords per row, midpoint rule across rows)',
      area: 'geodesic area on the WGS84 ellipsoid (GeographicLib), km²',
      population_surface: surface,
      population_method_by_commune: result.populationMethod,
      footprint_radii_m: config.radii,
      footprint_precedence:
        'operator predicted polygon > sector (azimuth_deg + beamwidth_deg) > site radius_m > default radius by technology and commune setting',
      scanlines_per_commune: config.scanlines,
      gap_technologies: config.gapTechnologies,
      modelled: 'Coverage is MODELLED from footprints, not measured.',
    },
    operators: result.operators,
    technologies: result.technologies,
    units: result.units.map(roundUnit),
  };
}
