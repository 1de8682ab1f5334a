/**
 * The figures as a workbook for the union's reports: 汇总 (summary, with each
 * figure's definition), 分站 (by station), 分月 (by month) and 分类 (categories,
 * call outcomes and referral stages).
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { DISPUTE_CATEGORIES, categoryLabel } from '../domain/categories.js';
import { HOTLINE_OUTCOMES, REFERRAL_STAGES } from '../hotline/hotline.entity.js';
import { hotlineOutcomeLabels, referralStageLabels } from '../hotline/labels.js';
import type { Figures } from './aggregate.js';
import { figuresShape, type StatsSummary, type StatsTrend } from './stats.schema.js';

const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

interface Column {
  label: string;
  /** Path into the figures, for the definition. */
  path: string;
  value: (f: Figures) => number;
}

export const FIGURE_COLUMNS: Column[] = [
  { label: '服务人数', path: 'peopleServed', value: (f) => f.peopleServed },
  { label: '咨询人次', path: 'consultations', value: (f) => f.consultations },
  { label: '代写仲裁申请书', path: 'applicationsDrafted', value: (f) => f.applicationsDrafted },
  { label: '转介调解', path: 'mediationReferrals', value: (f) => f.mediationReferrals },
  { label: '涉及金额（元）', path: 'amountInvolved', value: (f) => f.amountInvolved },
  { label: '预约', path: 'appointments.booked', value: (f) => f.appointments.booked },
  { label: '完成', path: 'appointments.completed', value: (f) => f.appointments.completed },
  { label: '爽约', path: 'appointments.noShow', value: (f) => f.appointments.noShow },
  { label: '取消', path: 'appointments.cancelled', value: (f) => f.appointments.cancelled },
  { label: '现场登记', path: 'appointments.walkIns', value: (f) => f.appointments.walkIns },
  { label: '热线来电', path: 'hotlineCalls.total', value: (f) => f.hotlineCalls.total },
  { label: '应值班天数', path: 'coverage.requiredDays', value: (f) => f.coverage.requiredDays },
  { label: '已排班天数', path: 'coverage.coveredDays', value: (f) => f.coverage.coveredDays },
  { label: '受理转介', path: 'referrals.byStage', value: (f) => sum(f.referrals.byStage) },
  { label: '调解/处理成功', path: 'referrals.settledByStage', value: (f) => sum(f.referrals.settledByStage) },
  { label: '成功涉及金额（元）', path: 'referrals.amountSettled', value: (f) => f.referrals.amountSettled },
];

/** The API's own description of a figure (stats.schema.ts), so the workbook and the API say the same. */
export function definitionOf(path: string): string {
  let schema: z.ZodType | undefined = (figuresShape as Record<string, z.ZodType>)[path.split('.')[0]!];
  for (const part of path.split('.').slice(1)) {
    schema = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>)[part] : undefined;
  }
  const d = schema?.meta()?.description;
  return typeof d === 'string' ? d : '';
}

const LEVELS = { district: '区级', town: '镇（街道）', village: '村（居）' } as const;

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
}

export async function statsWorkbook(summary: StatsSummary, monthly: StatsTrend, scopeName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'duty-roster';
  const period = `${summary.from} 至 ${summary.to}`;

  const s1 = wb.addWorksheet('汇总');
  s1.addRow(['职工维权服务站 工作统计']).font = { bold: true, size: 14 };
  s1.addRow([`统计期间：${period}`]);
  s1.addRow([`范围：${scopeName}`]);
  s1.addRow([]);
  styleHeader(s1.addRow(['指标', '数值', '口径', 'figure']));
  for (const c of FIGURE_COLUMNS) s1.addRow([c.label, c.value(summary), definitionOf(c.path), c.path]);
  s1.getColumn(1).width = 20;
  s1.getColumn(2).width = 14;
  s1.getColumn(3).width = 90;
  s1.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  s1.getColumn(4).width = 26;

  const figureHeader = FIGURE_COLUMNS.map((c) => c.label);
  const s2 = wb.addWorksheet('分站');
  styleHeader(s2.addRow(['服务站', '级别', ...figureHeader]));
  for (const st of summary.byStation) s2.addRow([st.name, LEVELS[st.level], ...FIGURE_COLUMNS.map((c) => c.value(st))]);
  s2.addRow(['合计（按人去重）', '', ...FIGURE_COLUMNS.map((c) => c.value(summary))]).font = { bold: true };
  s2.getColumn(1).width = 34;
  s2.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];

  const s3 = wb.addWorksheet('分月');
  styleHeader(s3.addRow(['月份', ...figureHeader]));
  for (const m of monthly.months) s3.addRow([m.month, ...FIGURE_COLUMNS.map((c) => c.value(m))]);
  s3.addRow(['合计', ...FIGURE_COLUMNS.map((c) => c.value(summary))]).font = { bold: true };
  s3.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];

  const s4 = wb.addWorksheet('分类');
  styleHeader(s4.addRow(['纠纷类别', '热线来电', '完成咨询']));
  for (const k of DISPUTE_CATEGORIES) {
    s4.addRow([categoryLabel(k), summary.hotlineCalls.byCategory[k] ?? 0, summary.consultationsByCategory[k] ?? 0]);
  }
  s4.addRow([]);
  styleHeader(s4.addRow(['来电处理结果', '来电数']));
  for (const k of HOTLINE_OUTCOMES) s4.addRow([hotlineOutcomeLabels[k]['zh-CN'], summary.hotlineCalls.byOutcome[k] ?? 0]);
  s4.addRow([]);
  styleHeader(s4.addRow(['转介环节', '受理', '成功']));
  for (const k of REFERRAL_STAGES) {
    s4.addRow([referralStageLabels[k]['zh-CN'], summary.referrals.byStage[k] ?? 0, summary.referrals.settledByStage[k] ?? 0]);
  }
  s4.getColumn(1).width = 24;
  s4.getColumn(2).width = 12;
  s4.getColumn(3).width = 12;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
