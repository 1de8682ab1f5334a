/** A worker's copy of their data: one sheet per kind of record, as the API shows it. */
import ExcelJS from 'exceljs';
import { categoryLabel, isDisputeCategory } from '../domain/categories.js';
import type { SubjectRecords } from './privacy.schema.js';

const category = (c: string) => (isDisputeCategory(c) ? categoryLabel(c) : c);
const cell = (v: unknown): string | number => (v === null || v === undefined ? '' : typeof v === 'number' ? v : Array.isArray(v) ? v.join('、') : String(v));

/** Sheet name → header and rows. Pure. */
export function subjectSheets(r: SubjectRecords): { name: string; header: string[]; rows: (string | number)[][] }[] {
  return [
    {
      name: '预约',
      header: ['编号', '预约码', '服务站', '时间', '状态', '来源', '类别', '姓名', '电话', '备注', '同意时间', '服务结果', '涉及金额', '结果说明', '创建时间', '匿名化时间'],
      rows: r.appointments.map((a) => [a.id, a.code, a.stationName, a.start, a.status, a.source, category(a.category), a.name, a.phone, a.note, a.consentAt, a.outcomeServices, a.amountInvolved, a.outcomeNote, a.createdAt, a.pseudonymizedAt].map(cell)),
    },
    {
      name: '候补',
      header: ['编号', '候补码', '服务站', '日期', '状态', '类别', '姓名', '电话', '同意时间', '创建时间', '匿名化时间'],
      rows: r.waitlist.map((w) => [w.id, w.code, w.stationName, w.date, w.status, category(w.category), w.name, w.phone, w.consentAt, w.createdAt, w.pseudonymizedAt].map(cell)),
    },
    {
      name: '热线来电',
      header: ['编号', '服务站', '来电时间', '来电人', '电话', '同意记录', '类别', '摘要', '处理结果', '回访记录', '匿名化时间'],
      rows: r.hotlineCalls.map((c) =>
        [c.id, c.stationName, c.receivedAt, c.callerName, c.callerPhone, c.callerConsent ? '是' : '否', category(c.category), c.summary, c.outcome, c.followUps.map((f) => `${f.createdAt} ${f.note}`).join('\n'), c.pseudonymizedAt].map(cell),
      ),
    },
    {
      name: '转介',
      header: ['编号', '转出站', '转入站', '阶段', '姓名', '电话', '类别', '摘要', '状态', '结果', '和解金额', '结案说明', '转介日期', '结案日期', '匿名化时间'],
      rows: r.referrals.map((x) => [x.id, x.fromStationId, x.toStationId, x.stage, x.workerName, x.workerPhone, category(x.category), x.summary, x.status, x.result, x.amountSettled, x.closeNote, x.referredDate, x.closedDate, x.pseudonymizedAt].map(cell)),
    },
    {
      name: '短信',
      header: ['编号', '渠道', '类型', '状态', '标题', '内容', '创建时间', '发送时间'],
      rows: r.notifications.map((n) => [n.id, n.channel, n.kind, n.status, n.title, n.body, n.createdAt, n.sentAt].map(cell)),
    },
  ];
}

export async function subjectXlsx(r: SubjectRecords): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duty-roster';
  for (const sheet of subjectSheets(r)) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.header).font = { bold: true };
    // Strings are written as strings (never formulas).
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((c) => {
      c.width = 16;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
