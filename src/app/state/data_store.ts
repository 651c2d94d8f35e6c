import type { Feature, FeatureCollection } from 'geojson';
import type { UnitLevel } from '../../core/base/types.ts';
import type { TargetEvaluation } from '../../core/targets/evaluate_targets.ts';
import {
  type BBox,
  type Delta,
  FEATURE_LAYERS,
  type FeatureLayer,
  type LayerPatch,
  type ReportUnit,
  type Snapshot,
  unitKey,
} from '../worker/worker_protocol.ts';

/**
 * The page's copy of the worker's results: units and target evaluations by unit, map features by layer
 * and key. A snapshot replaces everything; a delta replaces what it names.
 */
export class DataStore {
  snapshot: Snapshot;
  private units = new Map<string, ReportUnit>();
  private targets = new Map<string, TargetEvaluation[]>();
  private layers = new Map<FeatureLayer, Map<string, Feature[]>>();
  /** Layers whose features have arrived (the others are fetched when first shown). */
  readonly loaded = new Set<FeatureLayer>();
  private children = new Map<string, string[]>();
  private boxes: Map<string, BBox> | undefined;

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    for (const u of snapshot.units) {
      this.units.set(unitKey(u.level, u.id), u);
      if (u.parent_id !== null) {
        const parentLevel =
          u.level === 'commune' ? (snapshot.hasDistricts ? 'district' : 'province') : 'province';
        const key = unitKey(parentLevel, u.parent_id);
        this.children.set(key, [...(this.children.get(key) ?? []), unitKey(u.level, u.id)]);
      }
    }
    this.setTargets(snapshot.targets);
    for (const layer of FEATURE_LAYERS) {
      const patch = snapshot.layers[layer];
      this.layers.set(layer, new Map(patch ?? []));
      if (patch) this.loaded.add(layer);
    }
  }

  private setTargets(list: readonly TargetEvaluation[]): void {
    for (const t of list) {
      const key = unitKey(t.level, t.unit_id);
      const at = this.targets.get(key);
      if (at) at.push(t);
      else this.targets.set(key, [t]);
    }
  }

  /** Applies an update; returns the layers whose features changed. */
  apply(delta: Delta): FeatureLayer[] {
    for (const u of delta.units) this.units.set(unitKey(u.level, u.id), u);
    for (const key of delta.unitKeys) this.targets.delete(key);
    this.setTargets(delta.targets);
    this.snapshot = {
      ...this.snapshot,
      lists: delta.lists,
      reported: delta.reported,
      operators: delta.operators,
      technologies: delta.technologies,
      skippedEdits: delta.skippedEdits,
    };
    const changed: FeatureLayer[] = [];
    for (const [layer, patch] of Object.entries(delta.layers) as [FeatureLayer, LayerPatch][]) {
      const map = this.layers.get(layer)!;
      for (const [key, features] of patch) {
        if (features.length === 0) map.delete(key);
        else map.set(key, features);
      }
      changed.push(layer);
    }
    return changed;
  }

  /** A whole layer's features, keyed (to carry them over to the next store). */
  entries(layer: FeatureLayer): LayerPatch {
    return [...this.layers.get(layer)!.entries()];
  }

  /** Puts a whole layer's features in (the reply to a features request). */
  setLayers(layers: Partial<Record<FeatureLayer, LayerPatch>>): FeatureLayer[] {
    const out: FeatureLayer[] = [];
    for (const [layer, patch] of Object.entries(layers) as [FeatureLayer, LayerPatch][]) {
      this.layers.set(layer, new Map(patch));
      this.loaded.add(layer);
      out.push(layer);
    }
    return out;
  }

  unit(level: UnitLevel, id: string): ReportUnit | undefined {
    return this.units.get(unitKey(level, id));
  }

  /** Every unit of a level, in the engine's order. */
  unitsOf(level: UnitLevel): ReportUnit[] {
    return this.snapshot.units.filter((u) => u.level === level).map((u) => this.unit(u.level, u.id)!);
  }

  /** The communes (or districts) directly under a unit. */
  childrenOf(level: UnitLevel, id: string): ReportUnit[] {
    return (this.children.get(unitKey(level, id)) ?? []).map((k) => this.units.get(k)!);
  }

  /** The parent unit of a unit (district or province), if any. */
  parentOf(u: ReportUnit): ReportUnit | undefined {
    if (u.parent_id === null) return undefined;
    if (u.level === 'commune' && this.snapshot.hasDistricts) return this.unit('district', u.parent_id);
    return this.unit('province', u.parent_id);
  }

  /** The province a unit belongs to. */
  provinceOf(u: ReportUnit): ReportUnit | undefined {
    let p: ReportUnit | undefined = u;
    while (p && p.level !== 'province') p = this.parentOf(p);
    return p;
  }

  targetsOf(level: UnitLevel, id: string): TargetEvaluation[] {
    return this.targets.get(unitKey(level, id)) ?? [];
  }

  /** A layer's features, optionally filtered. */
  collection(layer: FeatureLayer, keep?: (f: Feature) => boolean): FeatureCollection {
    const features: Feature[] = [];
    for (const list of this.layers.get(layer)!.values())
      for (const f of list) if (!keep || keep(f)) features.push(f);
    return { type: 'FeatureCollection', features };
  }

  /** One feature of a keyed layer (a site or postal point by id). */
  feature(layer: FeatureLayer, key: string): Feature | undefined {
    return this.layers.get(layer)!.get(key)?.[0];
  }

  /** A commune's bounding box (to zoom to it). */
  communeBox(id: string): BBox | undefined {
    this.boxes ??= new Map(this.snapshot.communeBoxes);
    return this.boxes.get(id);
  }

  /** All keys of a layer (site ids, postal ids, …). */
  keys(layer: FeatureLayer): string[] {
    return [...this.layers.get(layer)!.keys()];
  }
}
