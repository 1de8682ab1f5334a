import { z } from 'zod';
import { COORDINATORS } from '../auth/policy.js';
import type { Request } from 'express';
import { localizeMessage, requestLang } from '../http/messages.js';
import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams, isOn } from '../http/schemas.js';
import {
  coverageQuery,
  coverageSchema,
  createRotationBody,
  createShiftBody,
  exportQuery,
  generateBody,
  monthParams,
  publishBody,
  rosterQuery,
  rosterSchema,
  rotationListQuery,
  rotationSchema,
  shiftListQuery,
  shiftSchema,
  updateRotationBody,
  updateShiftBody,
} from './rosters.schema.js';
import type { RostersService } from './rosters.service.js';
import type { RosterExports } from './rosters.export.js';
import { wallTableCsv, wallTableHtml, wallTableXlsx } from './wallTable.js';

/** A roster with its warnings in the reader's language (each keeps its `code`). */
const inReadersLanguage =
  (req: Request) =>
  <R extends { warnings: { code: string; message: string }[] }>(roster: R): R => {
    const lang = requestLang(req.get('accept-language'));
    return lang === 'en' ? roster : { ...roster, warnings: roster.warnings.map((w) => ({ ...w, message: localizeMessage(w.message, lang) })) };
  };

export function rosterRoutes(rosters: RostersService, exports: RosterExports): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/rotations',
      summary: 'List rotations',
      tags: ['rosters'],
      access: 'signedIn',
      query: rotationListQuery,
      response: z.array(rotationSchema),
      handler: ({ query }) => rosters.listRotations(query.stationId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/rotations',
      summary: 'Create a rotation (an ordered list of lawyers and an RRULE for the duty days)',
      tags: ['rosters'],
      access: COORDINATORS,
      body: createRotationBody,
      response: rotationSchema,
      status: 201,
      handler: ({ body, user, req }) => rosters.createRotation(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/rotations/:id',
      summary: 'Change a rotation',
      tags: ['rosters'],
      access: COORDINATORS,
      params: idParams,
      body: updateRotationBody,
      response: rotationSchema,
      handler: ({ params, body, user, req }) => rosters.updateRotation(params.id, body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/rotations/:id',
      summary: 'Delete a rotation (its shifts stay)',
      tags: ['rosters'],
      access: COORDINATORS,
      params: idParams,
      status: 204,
      handler: ({ params, user, req }) => rosters.deleteRotation(params.id, user!, String(req.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/rosters/generate',
      summary: 'Make or refresh a month’s draft roster (keeps manual edits; a published month needs force)',
      tags: ['rosters'],
      access: COORDINATORS,
      body: generateBody,
      response: rosterSchema,
      handler: ({ body, user, req }) => rosters.generate(body, user!, String(req.id)).then(inReadersLanguage(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/rosters/:month',
      summary: 'A month’s roster: shifts, gaps, fairness, status (staff and lawyers: its published stations only)',
      tags: ['rosters'],
      access: 'signedIn',
      params: monthParams,
      query: rosterQuery,
      response: rosterSchema,
      handler: ({ params, query, user, req }) => rosters.getRoster(params.month, query.stationId, user!, isOn(query.includeChildren)).then(inReadersLanguage(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/rosters/:month/publish',
      summary: 'Publish a month’s draft (all stations, or the ones named)',
      tags: ['rosters'],
      access: COORDINATORS,
      params: monthParams,
      body: publishBody,
      response: rosterSchema,
      handler: ({ params, body, user, req }) => rosters.publish(params.month, body.stationIds, user!, String(req.id)).then(inReadersLanguage(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/rosters/:month/export.csv',
      summary: 'The wall table as CSV (grid: a column per station; with stationId: one station’s table with a signature column)',
      tags: ['rosters'],
      access: 'signedIn',
      params: monthParams,
      query: exportQuery,
      produces: 'text/csv',
      handler: async ({ params, query, user, res }) => {
        const t = await exports.wallTable(params.month, query.stationId, query.layout, user!, isOn(query.includeChildren));
        res.setHeader('Content-Disposition', `attachment; filename="roster-${params.month}.csv"`);
        res.type('text/csv; charset=utf-8').send(wallTableCsv(t));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/rosters/:month/export.xlsx',
      summary: 'The wall table as an Excel workbook (A4, fit to width)',
      tags: ['rosters'],
      access: 'signedIn',
      params: monthParams,
      query: exportQuery,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ params, query, user, res }) => {
        const t = await exports.wallTable(params.month, query.stationId, query.layout, user!, isOn(query.includeChildren));
        res.setHeader('Content-Disposition', `attachment; filename="roster-${params.month}.xlsx"`);
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await wallTableXlsx(t));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/rosters/:month/print',
      summary: 'The wall table as a printable A4 page',
      tags: ['rosters'],
      access: 'signedIn',
      params: monthParams,
      query: exportQuery,
      produces: 'text/html',
      handler: async ({ params, query, user, res }) => {
        const t = await exports.wallTable(params.month, query.stationId, query.layout, user!, isOn(query.includeChildren));
        res.type('html').send(wallTableHtml(t));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/shifts',
      summary: 'Shifts in a range (drafts only for coordinators)',
      tags: ['rosters'],
      access: 'signedIn',
      query: shiftListQuery,
      response: z.array(shiftSchema),
      handler: ({ query, user }) => rosters.listShifts(query, user!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/shifts',
      summary: 'Add a duty by hand (e.g. to fill a gap); 409 lawyer_busy when the lawyer cannot take it',
      tags: ['rosters'],
      access: COORDINATORS,
      body: createShiftBody,
      response: shiftSchema,
      status: 201,
      handler: ({ body, user, req }) => rosters.createShift(body, user!, String(req.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/shifts/:id',
      summary: 'Give a shift to another lawyer; 409 lawyer_busy when they are on duty, away, ineligible or at their cap',
      tags: ['rosters'],
      access: COORDINATORS,
      params: idParams,
      body: updateShiftBody,
      response: shiftSchema,
      handler: ({ params, body, user, req }) => rosters.updateShift(params.id, body.lawyerId, body.reason, user!, String(req.id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/shifts/:id',
      summary: 'Remove a shift',
      tags: ['rosters'],
      access: COORDINATORS,
      params: idParams,
      status: 204,
      handler: ({ params, user, req }) => rosters.deleteShift(params.id, user!, String(req.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/coverage',
      summary: 'Required vs assigned duty per station and day',
      tags: ['rosters'],
      access: 'signedIn',
      query: coverageQuery,
      response: coverageSchema,
      handler: ({ query, user }) => rosters.coverage(query, user!),
    }),
  ];
}
