import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerOpenApi, type AnyRoute } from './routes.js';
import { escapeHtml } from '../lib/html.js';

export function buildOpenApiDocument(routes: AnyRoute[]) {
  const registry = new OpenAPIRegistry();
  registerOpenApi(registry, routes);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Duty roster and consultation booking for workers’ rights stations',
      version: '0.1.0',
      description:
        'Lawyers’ duty rosters, free consultation booking and the rights hotline of a workers’ rights legal service network.',
    },
    servers: [{ url: '/' }],
  });
}

const esc = escapeHtml;

/** A plain, script-free HTML rendering of the OpenAPI document for humans. */
export function renderDocsHtml(doc: ReturnType<typeof buildOpenApiDocument>): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      const tag = op.tags?.[0] ?? 'other';
      const access = op['x-access'];
      const params = [...(op.parameters ?? [])]
        .map((p: any) => `<code>${esc(p.in)}:${esc(p.name)}${p.required ? '' : '?'}</code>`)
        .join(' ');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const bodyRef = body?.$ref ? body.$ref.split('/').pop() : body ? 'inline' : '';
      const ok = Object.entries(op.responses ?? {}).find(([s]) => s.startsWith('2'));
      const okSchema = (ok?.[1] as any)?.content?.['application/json']?.schema;
      const okRef = okSchema?.$ref ? okSchema.$ref.split('/').pop() : okSchema?.items?.$ref ? `[${okSchema.items.$ref.split('/').pop()}]` : '';
      byTag.set(tag, [
        ...(byTag.get(tag) ?? []),
        `<tr><td><b>${esc(method.toUpperCase())}</b></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}</td><td>${esc(
          Array.isArray(access) ? access.join(', ') : access,
        )}</td><td>${params}${bodyRef ? ` body: <a href="#schema-${esc(bodyRef)}">${esc(bodyRef)}</a>` : ''}</td><td>${esc(ok?.[0])} ${esc(okRef)}</td></tr>`,
      ]);
    }
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, rows]) =>
        `<h2>${esc(tag)}</h2><table><thead><tr><th>method</th><th>path</th><th>what</th><th>who</th><th>input</th><th>answer</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    .join('');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<h3 id="schema-${esc(name)}">${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API — ${esc(doc.info.title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:1200px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:8px;overflow:auto}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors always have the shape <code>{"error":{"code","message","details?"}}</code>.</p>${sections}<h2>Schemas</h2>${schemas}</body></html>`;
}
