/**
 * The monthly wall table (值班表) that is printed and posted at each station.
 * Built once as data (pure), then rendered as CSV, XLSX or a printable A4 page.
 */
import ExcelJS from 'exceljs';
import { csvCell } from '../lib/csv.js';
import { eachDate, isoWeekday, monthRange } from '../lib/dates.js';
import { escapeHtml } from '../lib/html.js';

const WEEKDAYS_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

export interface WallTableInput {
  month: string;
  title: string;
  published: boolean;
  stations: { id: number; name: string }[];
  shifts: { stationId: number; date: string; lawyerName: string; firm: string; start: string; end: string }[];
  /** Day names (holidays, make-up days) to show beside the date. */
  dayNotes: Map<string, string>;
  hotline: string;
}

export interface WallTable {
  title: string;
  subtitle: string;
  header: string[];
  rows: string[][];
  layout: 'grid' | 'list';
}

/**
 * `list`: one row per duty (date, weekday, station, lawyer, firm, start–end, signature) — a station's own table.
 * `grid`: one row per day, one column per station — the network overview.
 */
export function buildWallTable(input: WallTableInput, layout: 'grid' | 'list'): WallTable {
  const { from, to } = monthRange(input.month);
  const [y, mo] = input.month.split('-');
  const subtitle = `${y}年${Number(mo)}月${input.published ? '' : '（草稿，未发布）'} · 维权服务专线 ${input.hotline}`;
  if (layout === 'list') {
    const names = new Map(input.stations.map((s) => [s.id, s.name]));
    const order = new Map(input.stations.map((s, i) => [s.id, i]));
    const rows = [...input.shifts]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (order.get(a.stationId) ?? 0) - (order.get(b.stationId) ?? 0)))
      .map((s) => [
        s.date,
        WEEKDAYS_ZH[isoWeekday(s.date)]! + (input.dayNotes.has(s.date) ? `（${input.dayNotes.get(s.date)}）` : ''),
        names.get(s.stationId) ?? '',
        s.lawyerName,
        s.firm,
        `${s.start}–${s.end}`,
        '',
      ]);
    return { title: input.title, subtitle, header: ['日期', '星期', '服务站', '值班律师', '律师事务所', '值班时间', '签到'], rows, layout };
  }
  const byKey = new Map<string, string[]>();
  for (const s of input.shifts) {
    const k = `${s.stationId}|${s.date}`;
    byKey.set(k, [...(byKey.get(k) ?? []), s.lawyerName]);
  }
  const rows = eachDate(from, to).map((date) => [
    date,
    WEEKDAYS_ZH[isoWeekday(date)]! + (input.dayNotes.has(date) ? `（${input.dayNotes.get(date)}）` : ''),
    ...input.stations.map((st) => (byKey.get(`${st.id}|${date}`) ?? []).join('、')),
  ]);
  return { title: input.title, subtitle, header: ['日期', '星期', ...input.stations.map((s) => s.name)], rows, layout };
}

/** UTF-8 with a BOM so Excel on Chinese Windows opens it correctly. */
export function wallTableCsv(t: WallTable): string {
  const lines = [[t.title], [t.subtitle], t.header, ...t.rows].map((r) => r.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function wallTableXlsx(t: WallTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duty-roster';
  const ws = wb.addWorksheet('值班表', {
    pageSetup: { paperSize: 9, orientation: t.layout === 'grid' ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const cols = t.header.length;
  ws.addRow([t.title]);
  ws.mergeCells(1, 1, 1, cols);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([t.subtitle]);
  ws.mergeCells(2, 1, 2, cols);
  ws.getRow(2).alignment = { horizontal: 'center' };
  const head = ws.addRow(t.header);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  for (const r of t.rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 12 : i === 1 ? 16 : t.layout === 'list' && i === t.header.length - 1 ? 16 : 18;
  });
  for (let r = 3; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
    if (t.layout === 'list') ws.getRow(r).height = 24;
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = escapeHtml;

/** A printable A4 page (no scripts: the browser's print dialog does the rest). */
export function wallTableHtml(t: WallTable): string {
  const landscape = t.layout === 'grid' && t.header.length > 6;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(t.title)}</title>
<style>
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm; }
body { font-family: "PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif; color:#111; margin:0; padding:12mm; }
h1 { text-align:center; font-size:20pt; margin:0 0 4pt; letter-spacing:2pt; }
p.sub { text-align:center; margin:0 0 10pt; font-size:11pt; color:#333; }
table { width:100%; border-collapse:collapse; font-size:${landscape ? '8.5pt' : '11pt'}; }
th, td { border:1px solid #333; padding:${t.layout === 'list' ? '5pt 6pt' : '3pt 4pt'}; text-align:center; }
th { background:#eef2f7; }
tr:nth-child(even) td { background:#fafafa; }
td.sign { width:22%; }
footer { margin-top:8pt; font-size:9pt; color:#444; display:flex; justify-content:space-between; }
@media print { body { padding:0; } }
</style></head><body>
<h1>${esc(t.title)}</h1><p class="sub">${esc(t.subtitle)}</p>
<table><thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${t.rows
    .map((r) => `<tr>${r.map((c, i) => `<td${t.layout === 'list' && i === r.length - 1 ? ' class="sign"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>
<footer><span>值班律师请按时到岗并在签到栏签名；如需调班请在系统中提出申请。</span><span>${esc(t.subtitle.split(' · ').pop() ?? '')}</span></footer>
</body></html>`;
}
