/**
 * Every action the server writes to the audit log has a label on the activity-log page, in
 * Chinese and in English: the source is scanned for recordAudit(…) calls (and the
 * migrations' own INSERTs into audit_log), each call's `action` read — a literal, each
 * branch of a conditional, a template filled with its values, or a constant or typed
 * parameter of the same file — and looked up in client/src/i18n/audit.*.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR as ROOT, typeScriptFiles as sourceFiles } from '../../helpers/sourceFiles.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../server/audit/auditCatalog.js';
import { updateAppointmentBody } from '../../../server/bookings/bookings.schema.js';
import auditZhCN from '../../../client/src/i18n/audit.zh-CN.js';
import auditEn from '../../../client/src/i18n/audit.en.js';



/** The text between the parenthesis at `open` and its partner (strings and templates skipped). */
function balanced(src: string, open: number): string {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c) && --depth === 0) return src.slice(open + 1, i);
  }
  throw new Error('unbalanced call');
}

/** The expression of `action` in an object literal's text: up to the next `,` or `}` at its own depth. */
function actionExpression(args: string): string | null {
  const m = /\baction\b\s*(:)?/.exec(args);
  if (!m) return null;
  if (!m[1]) return 'action';
  let depth = 0;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < args.length; i++) {
    const c = args[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const q = c;
      for (i++; i < args.length && args[i] !== q; i++) if (args[i] === '\\') i++;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) break;
  }
  return args.slice(start, i).trim();
}

/** What a template's `${…}` may be, by the template as written. */
const TEMPLATES: Record<string, readonly string[]> = {
  // PATCH /api/appointments/:id's statuses.
  '`appointment.${input.status}`': updateAppointmentBody.shape.status.options,
};

const LITERAL_ACTION = /'([a-z_]+\.[a-z_]+)'/g;
const literalsIn = (text: string) => [...text.matchAll(LITERAL_ACTION)].map((m) => m[1]!);

interface Site {
  file: string;
  expression: string;
  actions: string[];
}

function actionsOf(expression: string, src: string): string[] {
  const template = /^`([a-z_]+\.)\$\{[^}]+\}`$/.exec(expression);
  if (template) return (TEMPLATES[expression] ?? []).map((v) => `${template[1]}${v}`);
  if (/^[A-Za-z_$][\w$]*$/.test(expression)) {
    // A constant of the same file, or a parameter typed as a union of literals.
    const constant = new RegExp(String.raw`const ${expression}\s*=\s*('[^']*')`).exec(src);
    if (constant) return literalsIn(constant[1]!);
    const param = new RegExp(String.raw`\b${expression}:\s*((?:'[^']*'\s*\|?\s*)+)`).exec(src);
    return param ? literalsIn(param[1]!) : [];
  }
  return literalsIn(expression);
}

const sites: Site[] = sourceFiles(path.join(ROOT, 'server'))
  .filter((f) => !f.endsWith(path.join('audit', 'audit.ts')))
  .flatMap((file) => {
    const src = fs.readFileSync(file, 'utf8');
    return [...src.matchAll(/\brecordAudit\(/g)].map((m) => {
      const expression = actionExpression(balanced(src, m.index! + m[0].length - 1)) ?? '';
      return { file: path.relative(ROOT, file), expression, actions: actionsOf(expression, src) };
    });
  });

/** Rows the migrations write themselves (e.g. user.rename when two usernames differed only in case). */
const migrationActions = sourceFiles(path.join(ROOT, 'migrations'))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .filter((src) => src.includes('INSERT INTO audit_log'))
  .flatMap(literalsIn);

const used = [...new Set([...sites.flatMap((s) => s.actions), ...migrationActions])].sort();

/** `{shift: {reassign: '…'}}` → `shift.reassign` → '…'. */
function flatten(table: Record<string, Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(table).flatMap(([entity, verbs]) => Object.entries(verbs).map(([verb, label]) => [`${entity}.${verb}`, label] as const)));
}
const labels = { 'zh-CN': flatten(auditZhCN.audit.action), en: flatten(auditEn.audit.action) };

describe('activity-log labels', () => {
  it('reads the action of every recordAudit call', () => {
    expect(sites.length).toBeGreaterThan(40);
    expect(sites.filter((s) => s.actions.length === 0).map((s) => `${s.file}: action ${s.expression}`)).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['shift.reassign', 'user.update', 'user.deactivate', 'appointment.no_show', 'calendar_token.rotate', 'personal_data.view', 'user.rename']));
  });

  it('has a Chinese and an English label for every action the server writes', () => {
    for (const [lang, table] of Object.entries(labels)) {
      expect(used.filter((a) => !table.get(a)?.trim()), lang).toEqual([]);
    }
  });

  it('keeps the catalogue and the labels to the actions actually written', () => {
    expect([...AUDIT_ACTIONS].sort()).toEqual(used);
    for (const table of Object.values(labels)) expect([...table.keys()].sort()).toEqual(used);
  });

  it('names every kind of thing an entry is about', () => {
    const entities = new Set(
      sourceFiles(path.join(ROOT, 'server')).flatMap((f) => {
        const src = fs.readFileSync(f, 'utf8');
        return [...src.matchAll(/\brecordAudit\(/g)].flatMap((m) => [...balanced(src, m.index! + m[0].length - 1).matchAll(/\bentity:\s*'([a-z_]+)'/g)].map((x) => x[1]!));
      }),
    );
    for (const e of entities) expect(AUDIT_ENTITIES, e).toContain(e);
    for (const e of AUDIT_ENTITIES) {
      expect(auditZhCN.audit.entity[e], e).toBeTruthy();
      expect(auditEn.audit.entity[e], e).toBeTruthy();
    }
  });
});
