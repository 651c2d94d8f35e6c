import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { UserError } from '../../core/base/errors.ts';
import { showValue } from '../../core/base/show_value.ts';
import { type EngineConfig, TECHNOLOGIES, type TechnologyKey } from '../../core/base/types.ts';
import { type RadioConfig, validateRadioConfig } from '../../core/propagation/radio_config.ts';
import { IssueList } from '../formats/geojson_input.ts';
import { parseJsonText } from '../formats/json_text.ts';

/**
 * Reads an engine config file (JSON). Any subset of the defaults may be given; radii merge per
 * technology and setting. Every problem is reported at once.
 */
export function configFromJson(text: string, file: string): EngineConfig {
  const raw = parseJsonText(text, file);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(`${file}: expected a JSON object.`);
  const obj = raw as Record<string, unknown>;
  const issues = new IssueList(file);
  const cfg: EngineConfig = structuredClone(DEFAULT_CONFIG);
  // `radio` (the terrain model's link budget) is read by `radioConfigFromJson`.
  const known = [
    'radii',
    'scanlines',
    'arcSegments',
    'gapTechnologies',
    'minGapAreaKm2',
    'populatedVillageRadiusM',
    'radio',
  ];
  for (const k of Object.keys(obj))
    if (!known.includes(k)) issues.error(k, `unknown option (known: ${known.join(', ')})`, { field: k });
  if (obj.radii !== undefined) {
    const radii = obj.radii as Record<string, unknown>;
    if (!radii || typeof radii !== 'object') issues.error('radii', 'must be an object', { field: 'radii' });
    else {
      for (const [tech, v] of Object.entries(radii)) {
        if (!(TECHNOLOGIES as readonly string[]).includes(tech)) {
          issues.error(`radii.${tech}`, `unknown technology (use ${TECHNOLOGIES.join(', ')})`, {
            field: tech,
          });
          continue;
        }
        for (const [setting, r] of Object.entries((v ?? {}) as Record<string, unknown>)) {
          if (setting !== 'urban' && setting !== 'rural') {
            issues.error(`radii.${tech}.${setting}`, 'setting must be urban or rural', { field: setting });
          } else if (typeof r !== 'number' || !(r > 0) || r > 100_000) {
            issues.error(
              `radii.${tech}.${setting}`,
              `radius must be a number of metres in (0, 100000] (got ${showValue(r)})`,
              {
                field: setting,
              },
            );
          } else cfg.radii[tech as keyof EngineConfig['radii']][setting] = r;
        }
      }
    }
  }
  const intIn = (k: 'scanlines' | 'arcSegments', lo: number, hi: number) => {
    const v = obj[k];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
      issues.error(k, `must be an integer in [${lo}, ${hi}] (got ${showValue(v)})`, { field: k });
    else cfg[k] = v;
  };
  intIn('scanlines', 8, 10_000);
  intIn('arcSegments', 8, 1024);
  if (obj.minGapAreaKm2 !== undefined) {
    const v = obj.minGapAreaKm2;
    if (typeof v !== 'number' || v < 0)
      issues.error('minGapAreaKm2', 'must be a number ≥ 0', { field: 'minGapAreaKm2' });
    else cfg.minGapAreaKm2 = v;
  }
  if (obj.populatedVillageRadiusM !== undefined) {
    const v = obj.populatedVillageRadiusM;
    if (typeof v !== 'number' || !(v > 0) || v > 10_000)
      issues.error(
        'populatedVillageRadiusM',
        `must be a number of metres in (0, 10000] (got ${showValue(v)})`,
        { field: 'populatedVillageRadiusM' },
      );
    else cfg.populatedVillageRadiusM = v;
  }
  if (obj.gapTechnologies !== undefined) {
    const v = obj.gapTechnologies;
    const ok = [...TECHNOLOGIES, 'any'] as string[];
    if (!Array.isArray(v) || v.some((t) => !ok.includes(t)))
      issues.error('gapTechnologies', `must be a list of ${ok.join(', ')}`, { field: 'gapTechnologies' });
    else cfg.gapTechnologies = v as TechnologyKey[];
  }
  if (issues.items.length)
    throw new UserError(`${file}: ${issues.items.length} problem(s) in the config.`, issues.items);
  return cfg;
}

/**
 * The terrain model's radio settings in an engine config file: its `radio` object merged over
 * `DEFAULT_RADIO` (`validateRadioConfig`), every problem at once; undefined when the file has none.
 */
export function radioConfigFromJson(text: string, file: string): RadioConfig | undefined {
  const raw = parseJsonText(text, file) as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object' || raw.radio === undefined) return undefined;
  const { config, issues } = validateRadioConfig(raw.radio);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length)
    throw new UserError(
      `${file}: ${errors.length} problem(s) in the radio config.`,
      issues.map((i) => ({ ...i, file })),
    );
  return config;
}
