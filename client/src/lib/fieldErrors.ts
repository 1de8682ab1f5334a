/**
 * Messages for a path and everything below it (`openHours` collects `openHours.3.end`),
 * joined by `separator`: the language's own (`t('common.sentenceSeparator')`).
 */
export function errorsUnder(errors: Record<string, string>, prefix: string, separator: string): string | undefined {
  const own = errors[prefix];
  if (own) return own;
  const nested = Object.entries(errors).filter(([k]) => k.startsWith(`${prefix}.`));
  return nested.length ? nested.map(([, m]) => m).join(separator) : undefined;
}
