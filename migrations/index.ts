/** Every migration, in order. New files are added at the end. */
import { Foundation1764400000000 } from './1764400000000-Foundation.js';
import { Rosters1764400100000 } from './1764400100000-Rosters.js';
import { JobsAndNotifications1764400200000 } from './1764400200000-JobsAndNotifications.js';
import { Bookings1764400300000 } from './1764400300000-Bookings.js';

export const migrations = [Foundation1764400000000, Rosters1764400100000, JobsAndNotifications1764400200000, Bookings1764400300000];
