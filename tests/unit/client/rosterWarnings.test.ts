/** The roster builder shows the roster's own warnings and those of the month's last generation, each once. */
import { describe, expect, it } from 'vitest';
import { warningsToShow } from '../../../client/src/features/roster/rosterModel.js';

const provisional = { code: 'provisional_calendar', message: '2027 年的法定节假日尚未收入日历数据' };
const inactive = { code: 'lawyer_inactive', message: '轮值 1「区站每日坐班」中的 王建国（1）已停用，跳过其轮次' };

describe('warningsToShow', () => {
  it('adds the last generation’s warnings for the same month, once each', () => {
    expect(warningsToShow('2027-01', [provisional], { month: '2027-01', warnings: [provisional, inactive, inactive] })).toEqual([provisional, inactive]);
  });

  it('shows the provisional calendar once, whichever wording each answer gave it', () => {
    const generatorWording = { code: 'provisional_calendar', message: '内置日历尚无 2027 年的节假日' };
    expect(warningsToShow('2027-01', [provisional], { month: '2027-01', warnings: [generatorWording, inactive] })).toEqual([provisional, inactive]);
  });

  it('shows only the roster’s own for another month, or before any generation', () => {
    expect(warningsToShow('2027-02', [provisional], { month: '2027-01', warnings: [inactive] })).toEqual([provisional]);
    expect(warningsToShow('2027-01', [], null)).toEqual([]);
  });
});
