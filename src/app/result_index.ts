import type { AnalysisResult, UnitLevel, UnitResult } from '../core/types.ts';

/** Analysis units looked up by level and id (ids are only unique within a level). */
export class ResultIndex {
  private readonly byLevel: Record<UnitLevel, Map<string, UnitResult>> = {
    commune: new Map(),
    district: new Map(),
    province: new Map(),
  };

  constructor(readonly result: AnalysisResult) {
    for (const unit of result.units) this.byLevel[unit.level].set(unit.id, unit);
  }

  /** The commune with this id, if it was analysed. */
  commune(id: string): UnitResult | undefined {
    return this.byLevel.commune.get(id);
  }

  /** All communes, in the engine's order. */
  communes(): UnitResult[] {
    return [...this.byLevel.commune.values()];
  }

  /** All provinces, in the engine's order. */
  provinces(): UnitResult[] {
    return [...this.byLevel.province.values()];
  }

  /** The commune's district, or undefined for boundary sets without districts (2025). */
  districtOf(commune: UnitResult): UnitResult | undefined {
    return commune.parent_id === null ? undefined : this.byLevel.district.get(commune.parent_id);
  }
}
