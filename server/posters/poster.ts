/**
 * A station's wall poster: printable A4 portrait, large type, no scripts. Pure: the
 * station, the booking address and its QR code (an SVG string) in, HTML out.
 */
import type { OpenHours } from '../stations/stations.entity.js';
import { escapeHtml } from '../lib/html.js';

export const WEEKDAY_WORDS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/**
 * Opening hours in words: weekdays with the same hours grouped, runs of three or more
 * as a range. `周一至周五 09:00–12:00、14:00–17:30`, `周六 09:00–12:00`.
 */
export function dutyHoursInWords(hours: readonly OpenHours[]): string[] {
  const byDay = new Map<number, string>();
  for (let d = 1; d <= 7; d++) {
    const spans = hours
      .filter((h) => h.weekday === d)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((h) => `${h.start}–${h.end}`);
    if (spans.length) byDay.set(d, spans.join('、'));
  }
  const lines: string[] = [];
  let d = 1;
  while (d <= 7) {
    const spans = byDay.get(d);
    if (!spans) {
      d++;
      continue;
    }
    let end = d;
    while (end + 1 <= 7 && byDay.get(end + 1) === spans) end++;
    const days =
      end - d >= 2 ? `${WEEKDAY_WORDS[d]}至${WEEKDAY_WORDS[end]}` : end === d ? WEEKDAY_WORDS[d] : `${WEEKDAY_WORDS[d]}、${WEEKDAY_WORDS[end]}`;
    lines.push(`${days} ${spans}`);
    d = end + 1;
  }
  return lines;
}

export { escapeHtml };

export interface PosterInput {
  station: { name: string; address: string; phone: string; openHours: readonly OpenHours[] };
  hotlineNumber: string;
  bookingUrl: string;
  /** The QR code of bookingUrl, as an <svg> element. */
  qrSvg: string;
}

export function renderPoster(p: PosterInput): string {
  const hours = dutyHoursInWords(p.station.openHours);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.station.name)} · 免费法律咨询</title>
<style>
  @page { size: A4 portrait; margin: 0; }
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; background: #fff; }
  body {
    font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
    color: #111;
    -webkit-print-color-adjust: exact;
    print-color-adjust: exact;
  }
  .sheet { width: 210mm; height: 297mm; margin: 0 auto; padding: 14mm 16mm 12mm; display: flex; flex-direction: column; overflow: hidden; }
  .banner { background: #b3261e; color: #fff; border-radius: 6mm; padding: 9mm 8mm 8mm; text-align: center; }
  .banner h1 { margin: 0; font-size: 36pt; line-height: 1.2; letter-spacing: 0.02em; font-weight: 900; white-space: nowrap; }
  .banner p { margin: 3mm 0 0; font-size: 15pt; letter-spacing: 0.04em; }
  .station { margin: 8mm 0 0; text-align: center; font-size: 30pt; font-weight: 800; line-height: 1.25; }
  .scan { display: flex; align-items: center; gap: 9mm; margin: 8mm 0 0; }
  .qr { flex: 0 0 82mm; width: 82mm; height: 82mm; border: 1.2mm solid #111; border-radius: 3mm; padding: 3mm; }
  .qr svg { display: block; width: 100%; height: 100%; }
  .steps { flex: 1; font-size: 19pt; line-height: 1.5; }
  .steps ol { margin: 0; padding-left: 1.3em; }
  .steps li { margin-bottom: 2mm; }
  .url { margin: 3mm 0 0; font-size: 12pt; color: #333; text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .facts { margin: 9mm 0 0; border-top: 0.8mm solid #111; padding-top: 6mm; display: grid; grid-template-columns: 24mm 1fr; row-gap: 4mm; column-gap: 4mm; font-size: 17pt; line-height: 1.4; }
  .facts dt { font-weight: 800; }
  .facts dd { margin: 0; }
  .facts dd.hours div + div { margin-top: 1mm; }
  .hotline { margin-top: auto; display: flex; align-items: baseline; justify-content: center; gap: 5mm; border: 1mm solid #b3261e; border-radius: 4mm; padding: 5mm; }
  .hotline span { font-size: 18pt; font-weight: 700; color: #b3261e; }
  .hotline strong { font-size: 36pt; letter-spacing: 0.04em; }
  .note { margin: 4mm 0 0; text-align: center; font-size: 12pt; color: #333; }
  @media screen { body { background: #e5e5e5; } .sheet { margin: 8mm auto; background: #fff; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.2); } }
</style>
</head>
<body>
<main class="sheet">
  <header class="banner">
    <h1>免费法律咨询 · 扫码预约</h1>
    <p>拖欠工资 · 劳动合同 · 辞退 · 工伤 · 社保 — 律师当面帮您</p>
  </header>
  <h2 class="station">${e(p.station.name)}</h2>
  <section class="scan" aria-label="扫码预约">
    <div class="qr" role="img" aria-label="预约二维码">${p.qrSvg}</div>
    <div class="steps">
      <ol>
        <li>用微信或手机相机扫左边的二维码</li>
        <li>选一天、选一个时间</li>
        <li>填姓名和手机号，收到短信预约码</li>
      </ol>
    </div>
  </section>
  <p class="url">没有微信也可以在浏览器打开：${e(p.bookingUrl)}</p>
  <dl class="facts">
    <dt>地址</dt><dd>${e(p.station.address)}</dd>
    <dt>电话</dt><dd>${e(p.station.phone)}</dd>
    <dt>值班</dt><dd class="hours">${hours.length ? hours.map((h) => `<div>${e(h)}</div>`).join('') : '<div>请电话咨询</div>'}<div>法定节假日休息</div></dd>
  </dl>
  <div class="hotline"><span>维权热线</span><strong>${e(p.hotlineNumber)}</strong></div>
  <p class="note">咨询不收任何费用 · 您的个人信息依法保护</p>
</main>
</body>
</html>
`;
}
