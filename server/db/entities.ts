import { AuditEntity } from '../audit/audit.entity.js';
import { SessionEntity, UserEntity } from '../auth/users.entity.js';
import { CalendarDayEntity } from '../calendar/calendar.entity.js';
import { LawyerEntity, LawyerStationEntity, UnavailabilityEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';
import {
  RosterEntity,
  RosterGapEntity,
  RotationEntity,
  RotationStateEntity,
  ShiftEntity,
} from '../rosters/rosters.entity.js';
import { JobRunEntity } from '../jobs/jobRun.entity.js';
import { NotificationEntity } from '../notifications/notifications.entity.js';
import { bookingEntities } from '../bookings/appointments.entity.js';
import { ClosedDayReleaseEntity } from '../bookings/closedDayRelease.entity.js';
import { hotlineEntities } from '../hotline/hotline.entity.js';
import { SwapEntity } from '../swaps/swaps.entity.js';
import { SettingEntity } from '../privacy/settings.entity.js';
import { PersonKeySubscriber } from '../privacy/personKey.subscriber.js';

export const entities = [
  StationEntity,
  LawyerEntity,
  LawyerStationEntity,
  UnavailabilityEntity,
  UserEntity,
  SessionEntity,
  CalendarDayEntity,
  AuditEntity,
  RotationEntity,
  RotationStateEntity,
  RosterEntity,
  ShiftEntity,
  RosterGapEntity,
  JobRunEntity,
  NotificationEntity,
  ...bookingEntities,
  ClosedDayReleaseEntity,
  ...hotlineEntities,
  SwapEntity,
  SettingEntity,
];

/** Entity subscribers: every write of a worker's phone also writes its person key. */
export const subscribers = [PersonKeySubscriber];
