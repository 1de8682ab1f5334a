import { defineRoute, type AnyRoute } from '../http/routes.js';
import { idParams } from '../http/schemas.js';
import type { PostersService } from './posters.service.js';

export function posterRoutes(posters: PostersService): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stations/:id/poster',
      summary: "A station's printable A4 wall poster (HTML, no scripts)",
      description:
        'Station name, address, phone, duty hours, the hotline number, and a QR code (inline SVG) to the station’s own booking page ' +
        '`PUBLIC_BASE_URL/book/:stationCode`. Print it from the browser (A4 portrait, no margins).',
      tags: ['stations'],
      access: 'public',
      params: idParams,
      produces: 'text/html',
      handler: async ({ params, res }) => {
        const html = await posters.posterHtml(params.id);
        res.setHeader('Cache-Control', 'no-cache');
        res.type('text/html; charset=utf-8').send(html);
      },
    }),
  ];
}
