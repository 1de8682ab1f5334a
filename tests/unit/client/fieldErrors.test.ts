/** How a form collects the server's messages under one path, joined in the language's own way. */
import { describe, expect, it } from 'vitest';
import { errorsUnder } from '../../../client/src/lib/fieldErrors.js';
import en from '../../../client/src/i18n/en.js';
import zh from '../../../client/src/i18n/zh-CN.js';

describe('errorsUnder', () => {
  const errors = { 'openHours.0.start': 'is not a time', 'openHours.0.end': 'must be after the start', name: 'is required' };

  it('joins the messages below a path with the separator it is given', () => {
    expect(errorsUnder(errors, 'openHours.0', en.common.sentenceSeparator)).toBe('is not a time; must be after the start');
    expect(errorsUnder(errors, 'openHours.0', zh.common.sentenceSeparator)).toBe('is not a time；must be after the start');
  });

  it("prefers the path's own message, and says nothing when there is none", () => {
    expect(errorsUnder(errors, 'name', '; ')).toBe('is required');
    expect(errorsUnder(errors, 'stationIds', '; ')).toBeUndefined();
  });
});
