import { AuditEntity } from '../audit/audit.entity.js';
import { SessionEntity, UserEntity } from '../auth/users.entity.js';
import { CalendarDayEntity } from '../calendar/calendar.entity.js';
import { LawyerEntity, LawyerStationEntity, UnavailabilityEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';

export const entities = [
  StationEntity,
  LawyerEntity,
  LawyerStationEntity,
  UnavailabilityEntity,
  UserEntity,
  SessionEntity,
  CalendarDayEntity,
  AuditEntity,
];
