/**
 * A city on one deployment: once the network has a second district, the worker's booking
 * page asks for the district first and then lists that district's stations only — the
 * phone never downloads the whole city's station list. The demo network has one district;
 * the test adds a second one (a district station and a town under it) as the coordinator.
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { demoSuite, SCREENSHOTS } from './suite';
import { DESKTOP_ZH, PHONE_ZH } from './viewports';
import { callApi, openWatchedPage, signIn } from './session.js';

const PHONE = PHONE_ZH;
const suite = demoSuite();

interface Station {
  id: number;
  name: string;
  level: string;
}

const api = (method: string, url: string, body?: unknown, token?: string) => callApi(suite.server.baseUrl, method, url, body, token);

let demoDistrict: Station;
let westDistrict: Station;
let westTown: Station;

beforeAll(async () => {
  const { token } = (await api('POST', '/api/auth/login', { username: 'coordinator', password: 'demo' })) as { token: string };
  const stations = (await api('GET', '/api/stations')) as Station[];
  demoDistrict = stations.find((s) => s.level === 'district')!;
  westDistrict = (await api('POST', '/api/stations', { code: 'WEST-1', name: '西城区职工法律服务站', level: 'district', address: '西城区人民路 1 号', phone: '0851-87000000' }, token)) as Station;
  westTown = (await api('POST', '/api/stations', { code: 'WEST-T1', name: '西城区河滨街道工作站', level: 'town', parentId: westDistrict.id, address: '河滨街道 8 号' }, token)) as Station;
});

it('asks a worker for the district first, then lists that district’s stations only', async () => {
  const { context, page, problems } = await openWatchedPage(suite.browser, PHONE);
  const stationRequests: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/stations') stationRequests.push(u.search);
  });
  try {
    await page.goto(`${suite.server.baseUrl}/book`);
    const districts = page.getByRole('region', { name: '各区（县）' });
    await districts.waitFor();
    const districtNames = await districts.getByRole('heading', { level: 4 }).allTextContents();
    expect(districtNames).toHaveLength(2);
    expect(districtNames).toEqual(expect.arrayContaining([demoDistrict.name, westDistrict.name]));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'book-districts-360.png'), fullPage: true });

    // The second district: its own stations, not the demo district's towns.
    await districts.getByRole('listitem').filter({ hasText: westDistrict.name }).getByRole('button', { name: '看这个区的服务站' }).click();
    await page.getByRole('button', { name: '换一个区（县）' }).waitFor();
    await page.locator('.pick-station-name').first().waitFor();
    expect(await page.locator('.pick-station-name').allTextContents()).toEqual([westDistrict.name, westTown.name]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'book-district-stations-360.png'), fullPage: true });

    // Another district, then the demo district's own station: on to the days.
    await page.getByRole('button', { name: '换一个区（县）' }).click();
    await districts.waitFor();
    const demoItem = districts.getByRole('listitem').filter({ hasText: demoDistrict.name });
    await demoItem.getByRole('button', { name: '看这个区的服务站' }).click();
    await page.getByRole('button', { name: '换一个区（县）' }).waitFor();
    await page.locator('.pick-station-name').first().waitFor();
    const demoNames = await page.locator('.pick-station-name').allTextContents();
    expect(demoNames[0]).toBe(demoDistrict.name);
    expect(demoNames).not.toContain(westTown.name);
    expect(demoNames.length).toBeGreaterThan(3);
    await page.locator('.pick-station').filter({ hasText: demoDistrict.name }).first().getByRole('button', { name: '在这里预约' }).click();
    await page.getByRole('heading', { name: '选哪一天来' }).waitFor();

    // Never the whole network's list: the district stations, then one district at a time.
    expect(stationRequests.length).toBeGreaterThan(0);
    for (const search of stationRequests) expect(search, `GET /api/stations${search}`).toMatch(/level=district|includeChildren=1/);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('shows a coordinator one district at a time on the coverage calendar and the roster builder', async () => {
  const { context, page, problems } = await openWatchedPage(suite.browser, DESKTOP_ZH);
  const requests: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/coverage' || u.pathname.startsWith('/api/rosters/')) requests.push(u.pathname + u.search);
  });
  try {
    await signIn(page, suite.server.baseUrl, 'coordinator', '/coverage');
    const district = page.getByLabel('区（县）');
    await district.waitFor();
    expect(await district.locator('option').allTextContents()).toEqual(expect.arrayContaining([demoDistrict.name, westDistrict.name]));
    // The demo district is first (its code sorts first): its towns in the station filter, not the new district's one.
    const all = (await api('GET', '/api/stations')) as (Station & { parentId: number | null })[];
    const demoTowns = all.filter((s) => s.level === 'town' && s.parentId === demoDistrict.id).length;
    expect(demoTowns).toBeGreaterThan(1);
    const levelBoxes = () => page.locator('.filter-level').allTextContents();
    await expect.poll(levelBoxes).toEqual(expect.arrayContaining([expect.stringContaining(`(${demoTowns}/${demoTowns})`)]));
    await district.selectOption(String(westDistrict.id));
    // The new district: its district station and its one town.
    await expect.poll(async () => (await levelBoxes()).slice(0, 2)).toEqual([expect.stringContaining('(1/1)'), expect.stringContaining('(1/1)')]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-district-1280.png') });
    const coverage = requests.filter((r) => r.startsWith('/api/coverage'));
    expect(coverage.length).toBeGreaterThan(0);
    for (const r of coverage) expect(r).toContain('includeChildren=1');
    expect(coverage.some((r) => r.includes(`stationId=${westDistrict.id}`))).toBe(true);

    // The roster builder remembers the choice.
    await page.goto(`${suite.server.baseUrl}/roster`);
    await page.getByLabel('区（县）').waitFor();
    expect(await page.getByLabel('区（县）').inputValue()).toBe(String(westDistrict.id));
    await expect.poll(() => requests.some((r) => r.startsWith('/api/rosters/') && r.includes(`stationId=${westDistrict.id}&includeChildren=1`))).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('lets a district’s coordinator view another district’s roster but make and publish their own only', async () => {
  const admin = (await api('POST', '/api/auth/login', { username: 'admin', password: 'demo' })) as { token: string };
  const password = 'west-coordinator-2026';
  const username = `west-coord-${Date.now() % 1_000_000}`; // a retry makes its own
  const created = await api('POST', '/api/users', { username, password, role: 'coordinator', displayName: '西城区排班员', stationId: westDistrict.id }, admin.token);
  expect(created).toMatchObject({ username, stationId: westDistrict.id });
  const { context, page, problems } = await openWatchedPage(suite.browser, DESKTOP_ZH);
  try {
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/(roster|coverage|dashboard)?$/);
    await page.goto(`${suite.server.baseUrl}/roster`);
    const district = page.getByLabel('区（县）');
    await district.waitFor();
    // Their own district first.
    expect(await district.inputValue()).toBe(String(westDistrict.id));
    const notMine = page.getByTestId('roster-not-mine');
    expect(await notMine.count()).toBe(0);

    // The demo district: shown, with nothing chosen for them; choosing one of its stations explains why it cannot be made here.
    await district.selectOption(String(demoDistrict.id));
    await page.locator('.roster-stations summary').click();
    await page.locator('.roster-stations-pop').getByRole('checkbox', { name: demoDistrict.name, exact: true }).check();
    await notMine.waitFor();
    expect(await notMine.textContent()).toContain('由其他区的协调员负责');
    expect(await page.getByRole('button', { name: '生成草稿' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-other-district-1280.png') });

    // Rotations: their own stations' only — none yet — and a new one is set up at one of them.
    await page.getByRole('tab', { name: '轮值规则' }).click();
    await page.getByText('还没有轮值规则。').waitFor();
    await page.getByRole('button', { name: '新建轮值' }).click();
    const rotationStation = page.locator('form[aria-labelledby="rotation-form-title"]').getByLabel('站点', { exact: true });
    await expect.poll(() => rotationStation.locator('option:not([value=""])').allTextContents()).toEqual([westDistrict.name, westTown.name]);

    // The figures start on their own district, with the stations under it.
    await page.goto(`${suite.server.baseUrl}/dashboard`);
    const figuresFor = page.locator('.dash-station-picker select');
    await expect.poll(() => figuresFor.inputValue()).toBe(String(westDistrict.id));
    expect(await page.getByLabel('含下级站点').isChecked()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-district-coordinator-1280.png') });

    // Stations: their own district's.
    await page.goto(`${suite.server.baseUrl}/stations`);
    await expect.poll(() => page.locator('.station-name').allTextContents()).toEqual([westDistrict.name, westTown.name]);

    // Closures: their own stations only, starting on their district; no day for the whole network.
    await page.goto(`${suite.server.baseUrl}/stations/closures`);
    const scope = page.getByLabel('范围', { exact: true });
    await scope.waitFor();
    // (Its options come with the station list.)
    await expect.poll(() => scope.locator('option').allTextContents()).toEqual([westDistrict.name, westTown.name]);
    expect(await scope.inputValue()).toBe(String(westDistrict.id));
    // The demo district's days are listed, but are not theirs to remove.
    await page.locator('.closure-name').first().waitFor();
    expect(await page.locator('.closure-name').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^删除 / }).count()).toBe(0);

    // The server holds the same rule.
    const login = (await api('POST', '/api/auth/login', { username, password })) as { token: string };
    const month = new Date().toISOString().slice(0, 7);
    await expect(api('POST', '/api/rosters/generate', { month, stationIds: [demoDistrict.id] }, login.token)).rejects.toThrow(/→ 403 .*"forbidden"/);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
