import type { Position } from 'geojson';
import type { Setting, Technology } from '../base/types.ts';
import type { Dem } from '../terrain/dem.ts';

/**
 * Everything the terrain model needs to know about one cell, resolved: the cell's own values where the
 * input has them, else the site's, else the defaults of `RadioConfig` (`resolveRadioCell` records which).
 */
export interface RadioCell {
  lon: number;
  lat: number;
  technology: Technology;
  setting: Setting;
  /** Carrier frequency, MHz (from the band, e.g. L1800 → 1800; else the technology's default). */
  frequency_mhz: number;
  /** Antenna height above ground, metres. */
  height_m: number;
  /** EIRP in the main beam direction, dBm (for 4G/5G: of one reference-signal resource element). */
  eirp_dbm: number;
  /** Sector azimuth and horizontal 3 dB beamwidth, degrees; absent: omni. */
  azimuth_deg?: number;
  beamwidth_deg?: number;
  /** Electrical + mechanical downtilt, degrees (positive is down). */
  tilt_deg: number;
  /** Which of the values above came from defaults rather than the input (for the outputs' notes). */
  defaulted: readonly ('frequency' | 'height' | 'eirp' | 'tilt')[];
  /** Why the frequency is a default (no band, or a band not understood), when it is. */
  frequencyNote?: string;
}

/** A cell's terrain footprint: the covered ground as lon/lat rings (even–odd inside, holes are shadows). */
export interface TerrainFootprint {
  rings: Position[][];
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
  /** Share (0–1) of the swept radial length that fell outside the DEM and used the fallback instead. */
  outsideDemShare: number;
}

/** Computes a cell's terrain footprint over a DEM. The propagation module provides it; the engine calls it. */
export type TerrainFootprintFn = (cell: RadioCell, dem: Dem) => TerrainFootprint;
