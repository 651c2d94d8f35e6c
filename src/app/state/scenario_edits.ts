/**
 * What-if scenarios: a list of edits (add, move or delete a site or a postal point) applied in order to
 * the baseline data. Pure functions, shared by the UI and the analysis worker.
 */
import type { PostalPoint } from '../../core/base/infrastructure.ts';
import { POSTAL_TYPES } from '../../core/base/infrastructure.ts';
import { type Site, TECHNOLOGIES } from '../../core/base/types.ts';

export type LonLat = [number, number];

/** One edit of a scenario. Moves and deletes name the item by id. */
export type Edit =
  | { kind: 'add-site'; site: Site }
  | { kind: 'move-site'; id: string; from: LonLat; to: LonLat }
  | { kind: 'delete-site'; id: string }
  | { kind: 'add-postal'; point: PostalPoint }
  | { kind: 'move-postal'; id: string; from: LonLat; to: LonLat }
  | { kind: 'delete-postal'; id: string };

/** A saved or exported scenario file. */
export interface ScenarioFile {
  format: 'vungphu-scenario';
  version: 1;
  name: string;
  saved_at: string;
  edits: Edit[];
}

/**
 * Applies the edits in order. Unchanged items keep their identity (so the analysis can tell what
 * changed cheaply). An edit that names a missing item, or adds an id that exists, is skipped and its
 * index returned in `skipped`.
 */
export function applyEdits(
  sites: readonly Site[],
  postal: readonly PostalPoint[],
  edits: readonly Edit[],
): { sites: Site[]; postal: PostalPoint[]; skipped: number[] } {
  let s = [...sites];
  let p = [...postal];
  const skipped: number[] = [];
  edits.forEach((edit, k) => {
    switch (edit.kind) {
      case 'add-site':
        if (s.some((x) => x.id === edit.site.id)) skipped.push(k);
        else s = [...s, edit.site];
        break;
      case 'move-site': {
        const i = s.findIndex((x) => x.id === edit.id);
        if (i < 0) skipped.push(k);
        else s = s.map((x, j) => (j === i ? movedSite(x, edit.to) : x));
        break;
      }
      case 'delete-site':
        if (!s.some((x) => x.id === edit.id)) skipped.push(k);
        else s = s.filter((x) => x.id !== edit.id);
        break;
      case 'add-postal':
        if (p.some((x) => x.id === edit.point.id)) skipped.push(k);
        else p = [...p, edit.point];
        break;
      case 'move-postal': {
        const i = p.findIndex((x) => x.id === edit.id);
        if (i < 0) skipped.push(k);
        else p = p.map((x, j) => (j === i ? { ...x, lon: edit.to[0], lat: edit.to[1] } : x));
        break;
      }
      case 'delete-postal':
        if (!p.some((x) => x.id === edit.id)) skipped.push(k);
        else p = p.filter((x) => x.id !== edit.id);
        break;
      default: {
        const unexpected: never = edit;
        throw new Error(`unknown edit ${JSON.stringify(unexpected)}`);
      }
    }
  });
  return { sites: s, postal: p, skipped };
}

/**
 * A site at its new position. An input site moved is no longer the operator's site as it stands: it
 * becomes a what-if site; a what-if or suggested site keeps its source.
 */
function movedSite(x: Site, to: LonLat): Site {
  return { ...x, lon: to[0], lat: to[1], source: x.source === 'suggested' ? 'suggested' : 'what-if' };
}

/** A fresh id with the prefix that none of `taken` uses: "KB-1", "KB-2", … */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A problem in a scenario file, with the index of the edit it is about (or -1 for the file). */
export interface ScenarioProblem {
  edit: number;
  message: string;
}

const isLonLat = (v: unknown): v is LonLat =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'number' &&
  typeof v[1] === 'number' &&
  Math.abs(v[0]) <= 180 &&
  Math.abs(v[1]) <= 90;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function siteProblem(v: unknown): string | null {
  const s = v as Partial<Site> | null;
  if (!s || typeof s !== 'object') return 'site must be an object';
  if (!isText(s.id)) return 'site.id must be text';
  if (!isText(s.operator)) return 'site.operator must be text';
  if (!isLonLat([s.lon, s.lat])) return 'site.lon/lat must be a position in degrees';
  if (
    !Array.isArray(s.technologies) ||
    s.technologies.length === 0 ||
    !s.technologies.every((t) => (TECHNOLOGIES as readonly string[]).includes(t))
  )
    return 'site.technologies must list 2G, 3G, 4G or 5G';
  if (
    s.radius_m !== undefined &&
    !(typeof s.radius_m === 'number' && s.radius_m > 0 && s.radius_m <= 100_000)
  )
    return 'site.radius_m must be a number of metres in (0, 100000]';
  if (s.source !== undefined && !['input', 'what-if', 'suggested'].includes(String(s.source)))
    return 'site.source must be input, what-if or suggested';
  return null;
}

function postalProblem(v: unknown): string | null {
  const p = v as Partial<PostalPoint> | null;
  if (!p || typeof p !== 'object') return 'point must be an object';
  if (!isText(p.id)) return 'point.id must be text';
  if (!isLonLat([p.lon, p.lat])) return 'point.lon/lat must be a position in degrees';
  if (!(POSTAL_TYPES as readonly string[]).includes(String(p.type))) return 'point.type is not a postal type';
  for (const f of ['staffed', 'internet', 'online_public_services'] as const)
    if (typeof p[f] !== 'boolean') return `point.${f} must be true or false`;
  return null;
}

function editProblem(e: unknown): string | null {
  const x = e as {
    kind?: unknown;
    id?: unknown;
    from?: unknown;
    to?: unknown;
    site?: unknown;
    point?: unknown;
  };
  if (!x || typeof x !== 'object') return 'an edit must be an object';
  switch (x.kind) {
    case 'add-site':
      return siteProblem(x.site);
    case 'add-postal':
      return postalProblem(x.point);
    case 'move-site':
    case 'move-postal':
      if (!isText(x.id)) return 'id must be text';
      return isLonLat(x.from) && isLonLat(x.to) ? null : 'from and to must be [lon, lat] in degrees';
    case 'delete-site':
    case 'delete-postal':
      return isText(x.id) ? null : 'id must be text';
    default:
      return `unknown edit kind ${JSON.stringify(x.kind)}`;
  }
}

/**
 * Reads a scenario file. Every edit is checked; valid edits are kept and each problem is returned
 * with the edit's index. A file that is not JSON, or not a scenario at all, gives only a file problem.
 */
export function parseScenario(text: string): { scenario: ScenarioFile | null; problems: ScenarioProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { scenario: null, problems: [{ edit: -1, message: `not valid JSON (${(e as Error).message})` }] };
  }
  const obj = raw as Partial<ScenarioFile> | null;
  if (!obj || typeof obj !== 'object' || obj.format !== 'vungphu-scenario' || !Array.isArray(obj.edits)) {
    return {
      scenario: null,
      problems: [{ edit: -1, message: 'not a Vùng Phủ scenario (expected "format": "vungphu-scenario")' }],
    };
  }
  const problems: ScenarioProblem[] = [];
  const edits: Edit[] = [];
  obj.edits.forEach((e, k) => {
    const problem = editProblem(e);
    if (problem) problems.push({ edit: k, message: problem });
    else edits.push(e as Edit);
  });
  return {
    scenario: {
      format: 'vungphu-scenario',
      version: 1,
      name: isText(obj.name) ? obj.name.normalize('NFC').trim() : 'scenario',
      saved_at: typeof obj.saved_at === 'string' ? obj.saved_at : new Date(0).toISOString(),
      edits,
    },
    problems,
  };
}
