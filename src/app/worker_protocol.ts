import type { InputIssue } from '../core/errors.ts';
import type { AnalysisResult } from '../core/types.ts';

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type BBox = [number, number, number, number];

/** Main thread → analysis worker. URLs are absolute and same-origin. */
export interface AnalyzeRequest {
  kind: 'analyze';
  communesUrl: string;
  sitesUrl: string;
}

/** Analysis worker → main thread. */
export type WorkerMessage =
  | { kind: 'progress'; done: number; total: number; label: string }
  | {
      kind: 'result';
      result: AnalysisResult;
      /** Extent of the communes analysed. */
      bbox: BBox;
      siteCount: number;
      /** Problems found in the input files (rows with errors were skipped). */
      issues: InputIssue[];
      /** Warnings from the engine. */
      warnings: string[];
      /** Time spent fetching, parsing and analysing, in ms. */
      analysisMs: number;
    }
  | {
      kind: 'error';
      /** True for bad input (a UserError): the message is for the planner; false for a bug. */
      userError: boolean;
      message: string;
      issues: InputIssue[];
    };
