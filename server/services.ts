/** Every feature's service, built once per app from the context. */
import type { AppContext } from './context.js';
import { UsersService } from './auth/users.service.js';
import { StationsService } from './stations/stations.service.js';
import { LawyersService } from './lawyers/lawyers.service.js';
import { CalendarService } from './calendar/calendar.service.js';
import { BookingsService } from './bookings/bookings.service.js';
import { WaitlistService } from './bookings/waitlist.service.js';
import { RostersService } from './rosters/rosters.service.js';
import { RosterExports } from './rosters/rosters.export.js';
import { SwapsService } from './swaps/swaps.service.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { CalendarFeeds } from './ical/ical.service.js';
import { HotlineService } from './hotline/hotline.service.js';
import { ReferralsService } from './hotline/referrals.service.js';
import { StatsService } from './stats/stats.service.js';
import { PrivacyService } from './privacy/privacy.service.js';
import { PostersService } from './posters/posters.service.js';
import { AuditService } from './audit/audit.service.js';

export interface Services {
  users: UsersService;
  stations: StationsService;
  lawyers: LawyersService;
  calendar: CalendarService;
  rosters: RostersService;
  rosterExports: RosterExports;
  bookings: BookingsService;
  waitlist: WaitlistService;
  swaps: SwapsService;
  notifications: NotificationsService;
  calendarFeeds: CalendarFeeds;
  hotline: HotlineService;
  referrals: ReferralsService;
  stats: StatsService;
  privacy: PrivacyService;
  posters: PostersService;
  audit: AuditService;
}

export function buildServices(ctx: AppContext): Services {
  return {
    users: new UsersService(ctx),
    stations: new StationsService(ctx),
    lawyers: new LawyersService(ctx),
    calendar: new CalendarService(ctx),
    rosters: new RostersService(ctx),
    rosterExports: new RosterExports(ctx),
    bookings: new BookingsService(ctx),
    waitlist: new WaitlistService(ctx),
    swaps: new SwapsService(ctx),
    notifications: new NotificationsService(ctx),
    calendarFeeds: new CalendarFeeds(ctx),
    hotline: new HotlineService(ctx),
    referrals: new ReferralsService(ctx),
    stats: new StatsService(ctx),
    privacy: new PrivacyService(ctx),
    posters: new PostersService(ctx),
    audit: new AuditService(ctx),
  };
}
