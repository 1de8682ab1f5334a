/** Every migration, in order. New files are added at the end. */
import { Foundation1764400000000 } from './1764400000000-Foundation.js';
import { Rosters1764400100000 } from './1764400100000-Rosters.js';
import { JobsAndNotifications1764400200000 } from './1764400200000-JobsAndNotifications.js';
import { Bookings1764400300000 } from './1764400300000-Bookings.js';
import { Hotline1764400500000 } from './1764400500000-Hotline.js';
import { Swaps1764400400000 } from './1764400400000-Swaps.js';
import { Privacy1764400600000 } from './1764400600000-Privacy.js';
import { UserEmail1764400700000 } from './1764400700000-UserEmail.js';
import { RateLimits1764400800000 } from './1764400800000-RateLimits.js';
import { OneAccountPerLawyer1764400900000 } from './1764400900000-OneAccountPerLawyer.js';
import { CaseInsensitiveUsernames1764401000000 } from './1764401000000-CaseInsensitiveUsernames.js';
import { WorkerLanguage1764401100000 } from './1764401100000-WorkerLanguage.js';
import { AuditLogReading1764401200000 } from './1764401200000-AuditLogReading.js';
import { StaffLanguage1764401300000 } from './1764401300000-StaffLanguage.js';
import { ClosedDayReleases1764401400000 } from './1764401400000-ClosedDayReleases.js';

export const migrations = [Foundation1764400000000, Rosters1764400100000, JobsAndNotifications1764400200000, Bookings1764400300000, Hotline1764400500000, Swaps1764400400000, Privacy1764400600000, UserEmail1764400700000, RateLimits1764400800000, OneAccountPerLawyer1764400900000, CaseInsensitiveUsernames1764401000000, WorkerLanguage1764401100000, AuditLogReading1764401200000, StaffLanguage1764401300000, ClosedDayReleases1764401400000];
