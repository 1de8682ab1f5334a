/** Every migration, in order. New files are added at the end. */
import { Foundation1764400000000 } from './1764400000000-Foundation.js';

export const migrations = [Foundation1764400000000];
