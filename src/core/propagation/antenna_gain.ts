/** The pattern parameters `antennaGain` needs (a subset of `RadioConfig.antenna`). */
export interface AntennaPattern {
  /** Maximum attenuation Am, dB. */
  am_db: number;
  /** Vertical 3 dB beamwidth, degrees. */
  verticalBeamwidth_deg: number;
  /** Vertical side-lobe limit SLAv, dB. */
  slav_db: number;
}

/**
 * The gain of a cell's antenna towards a point relative to its main beam, dB (≤ 0), by the 3GPP
 * TR 36.814 Table A.2.1.1-2 / TR 38.901 §7.3 pattern:
 *   A_H(φ) = −min(12 (φ/φ3dB)², Am), A_V(θ) = −min(12 ((θ − θtilt)/θ3dB)², SLAv),
 *   A(φ, θ) = −min(−(A_H + A_V), Am),
 * φ the horizontal angle off the azimuth (degrees, wrapped to ±180), θ the depression angle below the
 * horizon (degrees, positive down), θtilt the downtilt. With no azimuth or beamwidth (omni) A_H = 0.
 */
export function antennaGain(
  bearing_deg: number,
  depression_deg: number,
  azimuth_deg: number | undefined,
  beamwidth_deg: number | undefined,
  tilt_deg: number,
  pattern: AntennaPattern,
): number {
  let ah = 0;
  if (azimuth_deg !== undefined && beamwidth_deg !== undefined) {
    const phi = ((((bearing_deg - azimuth_deg) % 360) + 540) % 360) - 180;
    ah = -Math.min(12 * (phi / beamwidth_deg) ** 2, pattern.am_db);
  }
  const av = -Math.min(
    12 * ((depression_deg - tilt_deg) / pattern.verticalBeamwidth_deg) ** 2,
    pattern.slav_db,
  );
  return -Math.min(-(ah + av), pattern.am_db);
}
