import { describe, expect, it } from 'vitest';
import { monthsBefore, removeNumber, scrubText } from '../../../server/privacy/pseudonymize.js';
import { personKeyOf, phoneIdentity } from '../../../server/privacy/personKey.js';
import { maskPersonInText } from '../../../server/lib/mask.js';

describe('scrubText', () => {
  it.each([
    ['请回电 13812345678', '请回电 [号码已删除]'],
    ['电话 138 1234 5678 或 138-1234-5678', '电话 [号码已删除] 或 [号码已删除]'],
    ['+86 13812345678', '[号码已删除]'],
    ['座机 0851-81234567', '座机 [号码已删除]'],
    ['欠薪 3000 元，工号 123456', '欠薪 3000 元，工号 123456'],
    ['金额 138123456789 元', '金额 138123456789 元'], // twelve digits: not a phone
  ])('%s', (input, out) => expect(scrubText(input)).toBe(out));

  it('takes out the given names, longest first, and leaves one-character names alone', () => {
    expect(scrubText('欧阳娜娜说欧阳娜和她一起', { names: ['欧阳娜', '欧阳娜娜'] })).toBe('某某说某某和她一起');
    expect(scrubText('王说工资没发', { names: ['王'] })).toBe('王说工资没发');
  });

  it('removes exact numbers that do not look like phones', () => {
    expect(scrubText('分机 88123', { phones: ['88123'] })).toBe('分机 [号码已删除]');
  });
});

describe('removeNumber', () => {
  it('removes one number and keeps the others', () => {
    expect(removeNumber('工友 138 1234 5678，我的 13900001111', '13812345678')).toBe('工友 [号码已删除]，我的 13900001111');
    expect(removeNumber('+8613812345678', '13812345678')).toBe('[号码已删除]');
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2029-01-15T00:00:00Z', 24, '2027-01-15T00:00:00.000Z'],
    ['2029-03-31T12:00:00Z', 1, '2029-02-28T12:00:00.000Z'],
    ['2028-02-29T00:00:00Z', 12, '2027-02-28T00:00:00.000Z'],
  ])('%s minus %i months', (now, months, out) => expect(monthsBefore(new Date(now), months).toISOString()).toBe(out));
});

describe('person keys', () => {
  it('are the same for every way of writing one number, and differ per secret', () => {
    const k = personKeyOf('s1', '13812345678');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    for (const same of ['+86 138 1234 5678', '0086-13812345678', '１３８１２３４５６７８']) expect(personKeyOf('s1', same)).toBe(k);
    expect(personKeyOf('s2', '13812345678')).not.toBe(k);
    expect(personKeyOf('s1', '13812345679')).not.toBe(k);
    expect(personKeyOf('s1', '')).toBeNull();
    expect(personKeyOf('s1', null)).toBeNull();
  });

  it('tell landlines apart by their digits', () => {
    expect(phoneIdentity('0851-8123 4567')).toBe('085181234567');
    expect(personKeyOf('s', '0851-81234567')).toBe(personKeyOf('s', '085181234567'));
  });
});

describe('maskPersonInText', () => {
  it('masks numbers and the person’s own name', () => {
    expect(maskPersonInText('张三丰说回电 13812345678，张三丰的工友李四', '张三丰')).toBe('张**说回电 138****5678，张**的工友李四');
    expect(maskPersonInText('回电 13812345678', null)).toBe('回电 138****5678');
  });
});
