/**
 * axe-core in the test browser: every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA, plus
 * axe's best practices (landmarks, heading order, one h1 …), on the page as it is now.
 *
 * axe's own source is evaluated in the page rather than added as a <script>: the server's CSP
 * refuses inline scripts, and the page is checked with that CSP in force.
 * (@axe-core/playwright does the same, but it declares Node 22.12+ while this project runs on 20.19+.)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Every violation axe finds on the whole page, as readable lines (`<label>: [impact] rule – help
 * at selector: why`); none is an empty list. Nothing is left out: FullCalendar's markup passes too.
 */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations;
    },
    [...AXE_TAGS],
  );
  return violations.flatMap((v) =>
    v.nodes.map((n) => {
      const why = (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
      return `${label}: [${v.impact}] ${v.id} – ${v.help} at ${n.target.join(' ')}: ${why} ${n.html.slice(0, 160)}`;
    }),
  );
}
