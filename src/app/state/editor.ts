/**
 * The what-if editor's own state: what a click on the map does (the mode), the site or postal point
 * picked, and the parameters of the next new site or point.
 */
import type { PostalType } from '../../core/base/infrastructure.ts';
import type { Technology } from '../../core/base/types.ts';

export type EditMode =
  | { kind: 'browse' }
  | { kind: 'add-site' }
  | { kind: 'add-postal' }
  | { kind: 'move'; what: 'site' | 'postal'; id: string };

export interface NewSite {
  technologies: Technology[];
  operator: string;
  /** Own radius in metres, or null for the default of the technology and setting. */
  radius: number | null;
}

export interface NewPostal {
  type: PostalType;
  staffed: boolean;
  internet: boolean;
  online: boolean;
}

/** The site or postal point picked on the map. */
export interface Picked {
  what: 'site' | 'postal';
  id: string;
  lon: number;
  lat: number;
  props: Record<string, unknown>;
}

export const DEFAULT_NEW_SITE: NewSite = { technologies: ['4G'], operator: 'Viettel', radius: null };
export const DEFAULT_NEW_POSTAL: NewPostal = {
  type: 'cultural_post_point',
  staffed: true,
  internet: true,
  online: true,
};
