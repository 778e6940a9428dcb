// A QR code for flyers (dist/service-finder-qr.js, loaded only when the newcomer asks for one):
// the `uqr` package encodes, and this draws the modules as one SVG path, black on white with
// the quiet zone the standard asks for, whatever the widget's colours (a dark theme would
// otherwise print a code that scanners cannot read).

import { encode } from 'uqr';

/** Modules of white border around the code (the standard's quiet zone). */
const QUIET_ZONE = 4;

/** An SVG image of a QR code for `text`, named `label` for screen readers. */
export function qrCode(text, label) {
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  const namespace = 'http://www.w3.org/2000/svg';
  const side = size + 2 * QUIET_ZONE;
  const image = document.createElementNS(namespace, 'svg');
  for (const [name, value] of Object.entries({ viewBox: `0 0 ${side} ${side}`, role: 'img', 'aria-label': label, class: 'sf-qr-code', 'shape-rendering': 'crispEdges' })) {
    image.setAttribute(name, value);
  }
  const background = document.createElementNS(namespace, 'rect');
  for (const [name, value] of Object.entries({ width: side, height: side, fill: '#fff' })) background.setAttribute(name, value);
  let path = '';
  data.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
  }));
  const modules = document.createElementNS(namespace, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000');
  image.append(background, modules);
  return image;
}
