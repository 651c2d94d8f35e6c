/**
 * Issue 13, cells: the corpus files cells_*.csv in tests/fixtures/bad/ (their sidecars are written by
 * hand beside them): one site code at two positions, a status nobody knows. Called from
 * scripts/make_bad_fixtures.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeCellFixtures(dir: string): void {
  const header = 'id,lon,lat,technology,operator,azimuth_deg,beamwidth_deg,status,year';
  writeFileSync(
    join(dir, 'cells_two_positions.csv'),
    `${[
      header,
      'GL-1,108.10,14.10,4G,Viettel,0,120,Đang phát sóng,2018',
      'GL-1,108.10,14.10,4G,Viettel,120,120,Đang phát sóng,2018',
      'GL-1,108.30,14.10,4G,Viettel,240,120,Đang phát sóng,2018',
      'GL-2,108.20,14.20,4G,VNPT,,,Đang phát sóng,2019',
    ].join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'cells_status.csv'),
    `${[
      header,
      'GL-1,108.10,14.10,4G,Viettel,0,120,Đang phát sóng,2018',
      'GL-1,108.10,14.10,4G,Viettel,120,120,Tạm dừng,2018',
      'GL-2,108.20,14.20,5G,VNPT,,,Quy hoạch,2027',
    ].join('\n')}\n`,
  );
}
