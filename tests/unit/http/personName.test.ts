/** A person's name must show something: invisible characters alone are not a name. */
import { describe, expect, it } from 'vitest';
import { hasVisibleCharacter, optionalPersonName, personName } from '../../../server/http/schemas.js';
import { localizeMessage } from '../../../server/http/messages.js';

const INVISIBLE_ONLY: [string, string][] = [
  ['bidi override + zero-width space', '\u202e\u200b'],
  ['zero-width space', '\u200b'],
  ['zero-width joiner and non-joiner', '\u200d\u200c'],
  ['word joiner', '\u2060'],
  ['byte-order mark between zero-width spaces', '\u200b\ufeff\u200b'],
  ['soft hyphen', '\u00ad'],
  ['left-to-right mark', '\u200e'],
  ['Hangul filler', '\u3164'],
  ['halfwidth Hangul filler', '\uffa0'],
  ['blank braille pattern', '\u2800'],
  ['a combining accent with no letter', '\u0301'],
  ['variation selector', '\ufe0f'],
  ['tag characters', '\u{e0041}\u{e007f}'],
  ['no-break and ideographic spaces around a bidi isolate', '\u00a0\u2066\u3000'],
  ['a lone surrogate', '\ud800'],
];

const NAMES = ['张三', '李', 'Zoë', 'e\u0301', '\u202e王五', '阿卜杜拉·买买提', 'O’Brien', '1'];

describe('personName', () => {
  const name = personName(50);

  it.each(INVISIBLE_ONLY)('refuses a name of %s only', (_, s) => {
    expect(hasVisibleCharacter(s)).toBe(false);
    const r = name.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(['must contain a visible character']);
    expect(optionalPersonName(50).safeParse(s).success).toBe(false);
  });

  it.each(NAMES)('takes %s', (s) => {
    expect(hasVisibleCharacter(s)).toBe(true);
    expect(name.parse(` ${s} `)).toBe(s);
  });

  it('answers an empty name with “must not be empty” alone; an optional one is null', () => {
    expect(name.safeParse('  ').error!.issues.map((i) => i.message)).toEqual(['must not be empty']);
    expect(optionalPersonName(50).parse('  ')).toBeNull();
    expect(optionalPersonName(50).parse(' 张三 ')).toBe('张三');
  });

  it('says so in Chinese too', () => {
    expect(localizeMessage('must contain a visible character', 'zh')).toBe('不能只含空白或看不见的字符');
  });
});
