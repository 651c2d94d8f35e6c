import type { InfrastructureInput } from '../../io/export/infrastructure_features.ts';
import type { Session } from './session.ts';

/**
 * The infrastructure of the current scenario: its sites (input ones, what-if ones added or moved by
 * hand, accepted suggestions: Site.source, set when the edit is made; a site added by a scenario file
 * of before the source existed counts as what-if), its postal points (added or moved ones what-if),
 * the villages and fiber routes loaded.
 */
export function scenarioInfrastructure(s: Session): InfrastructureInput {
  const addedSites = new Set(s.edits.flatMap((e) => (e.kind === 'add-site' ? [e.site.id] : [])));
  const editedPostal = new Set(
    s.edits.flatMap((e) => (e.kind === 'add-postal' ? [e.point.id] : e.kind === 'move-postal' ? [e.id] : [])),
  );
  return {
    // Every cell, planned ones too (the analysis' input holds only the cells the counting rule counts).
    sites: s.sites.map((x) =>
      x.source === undefined && addedSites.has(x.id) ? { ...x, source: 'what-if' as const } : x,
    ),
    postal: s.basePostal ? (s.analysis.input.postal ?? []) : null,
    villages: s.villages.length ? s.villages : null,
    fiber: s.fiber,
    postalSource: (p) => (editedPostal.has(p.id) ? 'what-if' : 'input'),
  };
}
