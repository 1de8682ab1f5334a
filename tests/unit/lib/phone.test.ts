import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMainlandMobile, maskName, maskPhone, normalizePhone } from '../../../server/lib/phone.js';

describe('normalizePhone / isMainlandMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['19912345678', '19912345678'],
    ['15000000000', '15000000000'],
    ['138 1234 1234', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['+8613812341234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['86 138-1234-1234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['(+86) 138 1234 1234', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'], // full-width digits
    [' 13812341234 ', '13812341234'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(isMainlandMobile(input)).toBe(true);
  });

  it.each([
    '',
    '12812341234', // 12x is not a mobile prefix
    '10812341234',
    '23812341234',
    '1381234123', // 10 digits
    '138123412345', // 12 digits
    '+85213812341234', // Hong Kong prefix
    '+1 13812341234',
    '0851-85551234', // a Guiyang landline
    '085185551234',
    '8613812341234 5',
    '1381234123a',
    '138１234１23４5',
    '+86',
    '86',
    '1'.repeat(60),
  ])('%j is not a mainland mobile', (input) => {
    expect(normalizePhone(input)).toBeNull();
    expect(isMainlandMobile(input)).toBe(false);
  });

  it('accepts every 1[3-9] + 9 digits, with or without +86 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), fc.constantFrom('', '+86', '86', '+86 ', '0086'), (second, rest, prefix) => {
        const phone = `1${second}${rest}`;
        expect(normalizePhone(prefix + phone)).toBe(phone);
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['+86 138-1234-5678', '138****5678'],
    ['', ''],
    ['12345', '*****'],
    ['0851-85551234', '085*****1234'],
  ])('%j → %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('never shows the middle four digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone);
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
    );
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['买买提·艾力', '买*****'],
    ['  李四 ', '李*'],
    ['张', '*'],
    ['𠮷野家', '𠮷**'], // a character outside the BMP stays whole
    ['Ahmad Karimi', 'A***'],
    ['li', 'l***'],
    ['J', '*'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});
