/** Every feature's demo step, in the order they run. */
import { rosterDemoStep } from '../rosters/rosters.seed.js';
import type { DemoStep } from './demo.js';

export const demoSteps: DemoStep[] = [rosterDemoStep];
