/** Every feature's service, built once per app from the context. */
import type { AppContext } from './context.js';
import { UsersService } from './auth/users.service.js';
import { StationsService } from './stations/stations.service.js';
import { LawyersService } from './lawyers/lawyers.service.js';
import { CalendarService } from './calendar/calendar.service.js';
import { RostersService } from './rosters/rosters.service.js';
import { RosterExports } from './rosters/rosters.export.js';

export interface Services {
  users: UsersService;
  stations: StationsService;
  lawyers: LawyersService;
  calendar: CalendarService;
  rosters: RostersService;
  rosterExports: RosterExports;
}

export function buildServices(ctx: AppContext): Services {
  return {
    users: new UsersService(ctx),
    stations: new StationsService(ctx),
    lawyers: new LawyersService(ctx),
    calendar: new CalendarService(ctx),
    rosters: new RostersService(ctx),
    rosterExports: new RosterExports(ctx),
  };
}
