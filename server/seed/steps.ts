/** Every feature's demo step, in the order they run. */
import { calendarDemoStep } from '../calendar/calendar.seed.js';
import { rosterDemoStep } from '../rosters/rosters.seed.js';
import { bookingDemoStep } from '../bookings/bookings.seed.js';
import { swapDemoStep } from '../swaps/swaps.seed.js';
import { hotlineDemoStep } from '../hotline/hotline.seed.js';
import type { DemoStep } from './demo.js';

export const demoSteps: DemoStep[] = [calendarDemoStep, rosterDemoStep, bookingDemoStep, swapDemoStep, hotlineDemoStep];
