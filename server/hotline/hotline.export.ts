/** The call log as a spreadsheet: rows built once (pure), rendered as CSV or XLSX. */
import ExcelJS from 'exceljs';
import { categoryLabel, isDisputeCategory } from '../domain/categories.js';
import { toCsv } from '../lib/csv.js';
import { hotlineOutcomeLabels } from './labels.js';
import type { HotlineCall } from './hotline.schema.js';

const FOLLOW_UP_LABELS = { none: '', upcoming: '待回访', due: '今日回访', overdue: '逾期未回访', done: '已回访' } as const;

export const CALL_EXPORT_HEADER = [
  '编号',
  '来电时间',
  '服务站',
  '来电人',
  '电话',
  '类别',
  '摘要',
  '通话时长（秒）',
  '处理结果',
  '回访日期',
  '回访状态',
  '关联预约',
];

export function callExportRows(calls: HotlineCall[]): (string | number)[][] {
  return calls.map((c) => [
    c.id,
    c.receivedAt.slice(0, 16).replace('T', ' '),
    c.stationName,
    c.callerName ?? '',
    c.callerPhone ?? '',
    isDisputeCategory(c.category) ? categoryLabel(c.category) : c.category,
    c.summary,
    c.durationSeconds,
    hotlineOutcomeLabels[c.outcome]['zh-CN'],
    c.followUpDate ?? '',
    FOLLOW_UP_LABELS[c.followUpState],
    c.appointmentId ?? '',
  ]);
}

export function callsCsv(calls: HotlineCall[]): string {
  return toCsv([CALL_EXPORT_HEADER, ...callExportRows(calls)]);
}

export async function callsXlsx(calls: HotlineCall[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duty-roster';
  const ws = wb.addWorksheet('来电记录');
  const head = ws.addRow(CALL_EXPORT_HEADER);
  head.font = { bold: true };
  // Strings are written as strings (never formulas), so no injection guard is needed here.
  for (const r of callExportRows(calls)) ws.addRow(r);
  const widths = [8, 17, 24, 10, 14, 14, 60, 10, 14, 12, 12, 10];
  ws.columns.forEach((c, i) => {
    c.width = widths[i] ?? 12;
  });
  ws.getColumn(7).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
