/** Child process of the bench: the national-scale case, timed, with the process's peak RSS. */
import { analyze } from '../src/core/coverage/analyze.ts';
import { nationalCase } from './national_case.ts';

const { communes, sites } = nationalCase();
const t0 = performance.now();
const result = analyze({ communes, sites });
const ms = performance.now() - t0;
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  `national synthetic case: ${communes.length} communes, ${sites.length} sites: ${(ms / 1000).toFixed(2)} s, ` +
    `peak RSS ${peakMiB.toFixed(0)} MiB (${result.units.length} units, ${result.gaps.length} gap polygons)`,
);
