/**
 * The "why" of a coverage answer (issue 17): the terrain profile from each cell of a site to a point
 * over the DEM loaded, with its link budget (`pathProfile`), for the page's profile panel.
 */
import { cellsOf } from '../../core/base/site_cells.ts';
import { pathProfile } from '../../core/propagation/path_profile.ts';
import { resolveRadioCell } from '../../core/propagation/resolve_radio_cell.ts';
import type { Session } from './session.ts';
import { currentDem } from './worker_dem.ts';
import type { WhyResult } from './worker_protocol.ts';
import { currentRadio } from './worker_radio.ts';

/**
 * The profile from site `siteId` (the scenario's) to (lon, lat): one link budget per cell, and the
 * whole profile of the cell received best there (the one that decides whether the point is covered).
 * Null without a DEM or when the site is gone. With the calibration applied, its cells' calibrated EIRP.
 */
export function whyProfile(session: Session, siteId: string, lon: number, lat: number): WhyResult | null {
  const dem = currentDem();
  const found = session.sites.find((s) => s.id === siteId);
  if (!dem || !found) return null;
  // With the loss offsets applied, the cells' lowered EIRP, as the footprints have it.
  const site = session.calibrated ? session.calibrated(found) : found;
  const setting = session.setting(site);
  // The radio settings of the analysis (an imported radio config, else the defaults).
  const settings = currentRadio();
  const links = cellsOf(site).map((cell) => {
    const radio = resolveRadioCell(site, cell, setting, settings);
    const label = [
      cell.id,
      cell.technology,
      cell.band,
      cell.azimuth_deg !== undefined ? `${cell.azimuth_deg}°` : null,
    ]
      .filter((x) => x !== undefined && x !== null && x !== '')
      .join(' · ');
    return { label, radio, profile: pathProfile(radio, dem, lon, lat, settings) };
  });
  if (links.length === 0) return null;
  let best = 0;
  links.forEach((l, i) => {
    if (l.profile.received_dbm > links[best]!.profile.received_dbm) best = i;
  });
  const chosen = links[best]!;
  return {
    siteId,
    siteLon: site.lon,
    siteLat: site.lat,
    lon,
    lat,
    cells: links.map((l) => ({
      label: l.label,
      received_dbm: l.profile.received_dbm,
      threshold_dbm: l.profile.threshold_dbm,
      covered: l.profile.covered,
    })),
    best,
    height_m: chosen.radio.height_m,
    defaulted: [...chosen.radio.defaulted],
    profile: chosen.profile,
  };
}
