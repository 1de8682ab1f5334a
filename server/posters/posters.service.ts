/** A station's printable wall poster with a QR code to its own booking page. */
import QRCode from 'qrcode';
import type { AppContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { StationEntity } from '../stations/stations.entity.js';
import { renderPoster } from './poster.js';

export class PostersService {
  constructor(private readonly ctx: AppContext) {}

  /** Where a station's poster sends people: `/book/:stationCode` on the public address. */
  bookingUrl(code: string): string {
    return `${this.ctx.config.publicBaseUrl.replace(/\/+$/, '')}/book/${encodeURIComponent(code)}`;
  }

  async posterHtml(stationId: number): Promise<string> {
    const station = await this.ctx.db.read((m) => m.findOneBy(StationEntity, { id: stationId }));
    if (!station || !station.active) throw notFound('No such station');
    const url = this.bookingUrl(station.code);
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
    return renderPoster({ station, hotlineNumber: this.ctx.config.hotlineNumber, bookingUrl: url, qrSvg });
  }
}
