/** The activity log's entries in words: details as labelled lines, names for ids, times in the network's zone. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../client/src/api/client.js';
import { actionsFor, actorOf, detailLines, filtersOf, networkDateTime, type Wording } from '../../../client/src/features/audit/auditModel.js';
import zhCN from '../../../client/src/i18n/zh-CN.js';
import staffZhCN from '../../../client/src/i18n/staff.zh-CN.js';

const strings = { ...zhCN, ...staffZhCN } as Record<string, unknown>;
const lookup = (key: string): string | undefined => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), strings);
  return typeof v === 'string' ? v : undefined;
};
const zh: Wording = {
  lang: 'zh-CN',
  exists: (k) => lookup(k) !== undefined || lookup(`${k}_other`) !== undefined,
  t: (k, o = {}) => (lookup(k) ?? lookup(`${k}_other`) ?? k).replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(o[n])),
};

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-12-01T02:05:00.000Z',
  userId: 3,
  username: 'coordinator',
  actorName: '区总工会排班员',
  action: 'shift.reassign',
  entity: 'shift',
  entityId: '12',
  details: null,
  withheld: [],
  names: { lawyers: {}, stations: {} },
  requestId: 'r1',
  ...over,
});

describe('detailLines', () => {
  it('words a duty moved from one lawyer to another, with the station, the day and the reason', () => {
    const lines = detailLines(
      entry({
        details: { date: '2026-12-10', stationId: 1, from: 7, to: 8, reason: '出庭', status: 'published' },
        names: { lawyers: { 7: '王建国', 8: '李秀英' }, stations: { 1: '观山湖区职工维权服务站' } },
      }),
      zh,
    );
    expect(lines).toEqual([
      { label: '律师', value: '王建国 → 李秀英' },
      { label: '日期', value: '2026年12月10日 星期四' },
      { label: '站点', value: '观山湖区职工维权服务站' },
      { label: '原因', value: '出庭' },
      { label: '状态', value: '已发布' },
    ]);
  });

  it('words a user’s change of their notifications’ language', () => {
    const lines = detailLines(
      entry({ action: 'user.update', entity: 'user', entityId: '3', details: { username: 'lawyer2', changed: ['lang'], before: { lang: 'zh' }, after: { lang: 'en' } } }),
      zh,
    );
    expect(lines).toEqual([
      { label: '通知语言', value: '中文 → English' },
      { label: '账号', value: 'lawyer2' },
    ]);
  });

  it('shows a correction field by field, personal data as withheld, other values in words', () => {
    const lines = detailLines(
      entry({
        action: 'hotline_call.update',
        entity: 'hotline_call',
        details: { changed: ['callerPhone', 'outcome', 'stationId'], before: { outcome: 'answered', stationId: 1 }, after: { outcome: 'callback_needed', stationId: 2 } },
        withheld: ['before.callerPhone', 'after.callerPhone'],
        names: { lawyers: {}, stations: { 1: '区站', 2: '金华镇分站' } },
      }),
      zh,
    );
    expect(lines).toEqual([
      { label: '来电人电话', value: '（个人信息，不显示）', withheld: true },
      { label: '处理结果', value: '已解答 → 需回电' },
      { label: '站点', value: '区站 → 金华镇分站' },
    ]);
  });

  it('words a swap’s moves, booleans, statuses, times, and leaves out empty values', () => {
    expect(
      detailLines(
        entry({ action: 'swap.apply', entity: 'swap', details: { type: 'giveaway', auto: true, note: null, moves: [{ shiftId: 193, from: 12, to: 2, version: 2 }] }, names: { lawyers: { 12: '孙娟', 2: '李秀英' }, stations: {} } }),
        zh,
      ),
    ).toEqual([
      { label: '值班 #193', value: '孙娟 → 李秀英' },
      { label: '类型', value: '转让' },
      { label: '自动生效', value: '是' },
    ]);
    expect(detailLines(entry({ action: 'appointment.reschedule', entity: 'appointment', details: { from: '2026-12-09T09:00:00+08:00', to: '2026-12-10T14:30:00+08:00' } }), zh)).toEqual([
      { label: '时间', value: '2026-12-09 09:00 → 2026-12-10 14:30' },
    ]);
    expect(detailLines(entry({ action: 'appointment.no_show', entity: 'appointment', details: { from: 'booked', to: 'no_show' } }), zh)).toEqual([
      { label: '状态', value: '已预约 → 未到' },
    ]);
    expect(detailLines(entry({ action: 'personal_data.erase', entity: 'person', details: { reason: '本人申请', counts: { appointments: 1, hotlineCalls: 2 } }, withheld: ['subject'] }), zh)).toEqual([
      { label: '原因', value: '本人申请' },
      { label: '处理的记录', value: '预约 1；来电 2' },
      { label: '当事人', value: '（个人信息，不显示）', withheld: true },
    ]);
  });

  it('cuts long lists of ids and leaves an access-log entry’s ids to its count', () => {
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const lines = detailLines(entry({ action: 'personal_data.view', entity: 'appointment', details: { via: 'appointments.list', count: 30, ids } }), zh);
    expect(lines.map((l) => l.label)).toEqual(['途径', '条数']);
    const roster = detailLines(entry({ action: 'roster.publish', entity: 'roster', details: { stationIds: ids }, names: { lawyers: {}, stations: {} } }), zh);
    expect(roster[0]!.value).toMatch(/^#1、#2、.*#10 等 20 项$/);
  });
});

describe('the rest of the page’s model', () => {
  it('shows instants in Asia/Shanghai', () => {
    expect(networkDateTime('2026-12-01T16:30:00Z')).toBe('2026-12-02 00:30');
  });

  it('names who did it: the account, the worker themself, or the system', () => {
    expect(actorOf(entry({}), zh)).toEqual({ name: '区总工会排班员', username: 'coordinator' });
    expect(actorOf(entry({ userId: null, username: null, actorName: null, action: 'appointment.cancel', entity: 'appointment' }), zh).name).toBe('预约人本人');
    expect(actorOf(entry({ userId: null, username: null, actorName: null, action: 'roster.publish', entity: 'roster' }), zh).name).toBe('系统');
  });

  it('reads the filters from the address, an id only with its kind', () => {
    expect(filtersOf(new URLSearchParams('entity=shift&entityId=12&page=2'))).toEqual({ entity: 'shift', entityId: '12', views: false, page: 2 });
    expect(filtersOf(new URLSearchParams('entityId=12&views=include&page=x'))).toEqual({ views: true, page: 1 });
  });

  it('offers the actions of the kind of thing chosen', () => {
    expect(actionsFor('shift')).toEqual(['shift.create', 'shift.delete', 'shift.reassign']);
    expect(actionsFor('person')).toEqual(['personal_data.erase', 'personal_data.retention', 'personal_data.view']);
    expect(actionsFor(undefined).length).toBeGreaterThan(40);
  });
});
