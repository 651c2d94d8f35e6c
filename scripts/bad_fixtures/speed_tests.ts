/**
 * Issue 16, speed tests: the corpus files speedtests_*.csv in tests/fixtures/bad/ (their sidecars are
 * written by hand beside them): speed-test points with bad values, and Ookla-style tiles with a bad
 * quadkey and a tile without tests. Called from scripts/make_bad_fixtures.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeSpeedTestFixtures(dir: string): void {
  writeFileSync(
    join(dir, 'speedtests_points.csv'),
    `${[
      'lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,date',
      '108.05,14.05,4G,Viettel,42.5,9.1,31,2026-03-01',
      '108.06,14.05,6G,Viettel,42.5,9.1,31,2026-03-01',
      '108.07,14.05,4G,VNPT,-1,,,2026-03-02',
      '108.08,14.05,5G,VNPT,300,60,,31/02/2026',
      '108.15,14.05,5G,MobiFone,250,50,20,15/03/2026',
    ].join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'speedtests_tiles.csv'),
    `${[
      'quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices',
      '1322132010030032,23660,5910,48,12,4',
      '132213201003003,23660,5910,48,12,4',
      '1322132010030033,23660,5910,48,0,4',
    ].join('\n')}\n`,
  );
}
