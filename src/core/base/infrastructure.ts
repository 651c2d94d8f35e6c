/**
 * Postal, fiber and village records (plain data).
 */
import type { LineString, MultiLineString } from 'geojson';

/** Postal service point types; a post office may carry its tier (bưu cục cấp I/II/III). */
export const POSTAL_TYPES = [
  'post_office',
  'post_office_1',
  'post_office_2',
  'post_office_3',
  'cultural_post_point',
  'agent',
  'kiosk',
] as const;
export type PostalType = (typeof POSTAL_TYPES)[number];

/** The four categories a counting rule chooses from (tiers fold into post_office). */
export const POSTAL_CATEGORIES = ['post_office', 'cultural_post_point', 'agent', 'kiosk'] as const;
export type PostalCategory = (typeof POSTAL_CATEGORIES)[number];

/** The category of a point type: every tier of post office is a post_office. */
export function postalCategory(type: PostalType): PostalCategory {
  return type.startsWith('post_office') ? 'post_office' : (type as PostalCategory);
}

/** A postal service point (điểm phục vụ bưu chính). */
export interface PostalPoint {
  id: string;
  lon: number;
  lat: number;
  type: PostalType;
  /** Có người phục vụ. */
  staffed: boolean;
  internet: boolean;
  /** Able to help citizens with online public services. */
  online_public_services: boolean;
  name?: string;
}

/** A fiber (or copper) route. */
export interface FiberRoute {
  id: string;
  operator: string;
  medium: 'fiber' | 'copper';
  placement: string | null;
  year: number | null;
  geometry: LineString | MultiLineString;
}

/** A village (thôn, làng, bon, bản, tổ dân phố) as a point with its people and grid power. */
export interface Village {
  id: string;
  name?: string;
  /** Commune id from the file; the point's location decides when it is absent or unknown. */
  communeId?: string;
  lon: number;
  lat: number;
  /** People. */
  population: number;
  /** On the national grid (có điện lưới); null when the file does not say. */
  hasGridPower: boolean | null;
}
