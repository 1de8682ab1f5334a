/** The `/api/coverage` answer: the server's own zod-inferred types. */
import type { Coverage } from '../../../../server/rosters/rosters.schema';

export type { Coverage };
export type CoverageStation = Coverage['stations'][number];
export type CoverageDay = CoverageStation['days'][number];
export type CoverageStatus = CoverageDay['status'];
