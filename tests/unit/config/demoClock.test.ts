import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { clockStartingAt } from '../../../server/context.js';

describe('the demo clock (DEMO_NOW)', () => {
  it('is taken in demo mode', () => {
    expect(loadConfig({ DEMO_NOW: '2026-12-01T08:00:00+08:00' }).demoNow).toBe('2026-12-01T08:00:00+08:00');
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', SEED_DEMO: '1', DEMO_NOW: '2026-12-01T00:00:00Z' }).demoNow).toBe('2026-12-01T00:00:00Z');
    expect(loadConfig({}).demoNow).toBeUndefined();
  });

  it('is refused outside demo mode and when it is not an instant', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', DEMO_NOW: '2026-12-01T08:00:00+08:00' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite', SEED_DEMO: '0', DEMO_NOW: '2026-12-01T08:00:00+08:00' })).toThrow(/DEMO_NOW: only applies to the demo/);
    for (const bad of ['tomorrow', '2026-12-01', '2026-13-45T99:00:00Z']) expect(() => loadConfig({ DEMO_NOW: bad })).toThrow(/DEMO_NOW/);
  });

  it('starts at the instant and runs on at the real pace', async () => {
    const clock = clockStartingAt(new Date('2026-12-01T08:00:00+08:00'));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-12-01T08:00:00+08:00'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now().getTime() - first).toBeGreaterThanOrEqual(25);
  });
});
