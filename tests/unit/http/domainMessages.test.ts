/**
 * Every error message the services write is also there in Chinese: the source is scanned
 * for the messages of conflict(), badRequest(), notFound(), forbidden(), PhoneRefusal,
 * new AppError(…), every `message:` (error details, the roster's warnings) and the roster
 * generator's warn(…), and each must be translated by localizeMessage (a template's `${…}`
 * parts are filled with samples).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_DIR, typeScriptFiles } from '../../helpers/sourceFiles.js';
import { localizeMessage } from '../../../server/http/messages.js';

/** `message:` strings the client words itself, by their code: the roster's gaps. */
const NOT_ERRORS = [/^Rotation '/];

/** The server's source, without its Chinese message tables. */
const sourceFiles = () => typeScriptFiles(SERVER_DIR).filter((f) => !f.endsWith('.zh.ts'));

const LITERAL = String.raw`(\x60(?:[^\x60\\]|\\.)*\x60|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const SITES = [
  new RegExp(String.raw`\b(?:conflict|badRequest|notFound|forbidden|PhoneRefusal)\(\s*` + LITERAL, 'g'),
  new RegExp(String.raw`new AppError\(\s*\d+,\s*'[a-z_]+',\s*` + LITERAL, 'g'),
  new RegExp(String.raw`\bmessage:\s*` + LITERAL, 'g'),
  // The roster's warnings, answered with the roster (rosters.routes.ts translates them as well).
  new RegExp(String.raw`\bwarn\(\s*'[a-z_]+',\s*` + LITERAL, 'g'),  // A rotation's RRULE refused (rosters/rrule.ts): a 400's detail, or inside the warning above.
  new RegExp(String.raw`\bfail\(\s*` + LITERAL, 'g'),
];

/** A literal as a sample message: `${cond ? 'a' : 'b'}` becomes its first non-empty option, any other `${…}` a 1. */
function sample(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith("'")) return body.replace(/\\'/g, "'");
  if (literal.startsWith('"')) return body.replace(/\\"/g, '"');
  return body.replace(/\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, (_, expr: string) => {
    const choice = /\?\s*'([^']*)'\s*:\s*'([^']*)'\s*$/.exec(expr);
    return choice ? choice[1] || choice[2]! : '1';
  });
}

const messages = [
  ...new Set(
    sourceFiles().flatMap((file) => {
      const src = fs.readFileSync(file, 'utf8');
      return SITES.flatMap((re) => [...src.matchAll(re)].map((m) => sample(m[1]!)));
    }),
  ),
].filter((m) => !NOT_ERRORS.some((re) => re.test(m)));

describe('the services’ error messages in Chinese', () => {
  it('finds the messages it checks', () => {
    expect(messages.length).toBeGreaterThan(150);
    expect(messages).toContain('That time is fully booked; please pick another');
    expect(messages).toContain('This booking is 1 and can no longer be cancelled');
    expect(messages).toContain("The rule has an empty part (a doubled or trailing ';').");
  });

  it('has a translation for every one', () => {
    const missing = messages.filter((m) => localizeMessage(m, 'zh') === m);
    expect(missing).toEqual([]);
  });

  it('translates the parts a message is built from', () => {
    expect(localizeMessage('This booking is checked in and can no longer be cancelled', 'zh')).toBe('该预约已签到，不能再取消');
    expect(localizeMessage('徐涛 cannot take this duty: the lawyer is already on duty that day', 'zh')).toBe('徐涛 不能值这个班：该律师当天已有值班');
    expect(localizeMessage("Rotation 3 '区站轮值' lists 王芳 (7), who is inactive; their turns are passed over.", 'zh')).toBe('轮值 3「区站轮值」中的 王芳（7）已停用，跳过其轮次');
    expect(localizeMessage('legal_aid is handled at a town or district station; 某村 is a village station', 'zh')).toBe('法律援助由镇（街道）级或区级站点办理；某村 是村级站点');
    // A rotation's rule: refused on its own, and inside the roster's warning.
    expect(localizeMessage('BYYEARDAY needs FREQ=YEARLY, not WEEKLY.', 'zh')).toBe('BYYEARDAY 需要 FREQ=YEARLY，不能是 WEEKLY');
    expect(localizeMessage("Rotation 2 '镇站' was not generated: FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY).", 'zh')).toBe(
      '轮值 2「镇站」未生成：必须填写 FREQ（DAILY、WEEKLY、MONTHLY 或 YEARLY）',
    );
    // English readers get the message as written.
    expect(localizeMessage('That time is fully booked; please pick another', 'en')).toBe('That time is fully booked; please pick another');
  });
});
