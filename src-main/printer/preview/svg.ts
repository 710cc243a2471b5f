/**
 * A decoded ticket drawn as SVG, one user unit per printer dot: text in font A cells (12 × 24
 * dots, magnified), raster images and NV logos as embedded 1-bit PNGs, QR codes as a labelled box
 * of the size the printer would print (we have no QR encoder), and the cut as a dashed line.
 * Good enough for the on-screen preview and for eyeballing a saved ticket.
 */
import type { Alignment } from '../escpos/commands';
import { bitmapToPng } from './bitmap-png';
import type { DecodedBitmap, DecodedEscPos } from './decoded-ticket';
import { CELL_HEIGHT, CELL_WIDTH, lineAdvanceDots, qrSymbolDots } from './paper-geometry';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

function xFor(align: Alignment, width: number, paperWidth: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paperWidth - width) / 2));
  if (align === 'right') return Math.max(0, paperWidth - width);
  return 0;
}

/** Renders the decoded ticket at `paperWidthDots` (576 for 80 mm, 384 for 58 mm). */
export function renderDecodedSvg(decoded: DecodedEscPos, paperWidthDots: number): string {
  const parts: string[] = [];
  let y = 8;
  const image = (bitmap: DecodedBitmap, align: Alignment, title: string): void => {
    const x = xFor(align, bitmap.width, paperWidthDots);
    const href = `data:image/png;base64,${bitmapToPng(bitmap).toString('base64')}`;
    parts.push(
      `<image x="${x}" y="${y}" width="${bitmap.width}" height="${bitmap.height}" ` +
        `image-rendering="pixelated" href="${href}"><title>${escapeXml(title)}</title></image>`,
    );
    y += bitmap.height;
  };
  for (const block of decoded.blocks) {
    switch (block.kind) {
      case 'line': {
        const { line } = block;
        const text = line.text.trimEnd();
        const height = CELL_HEIGHT * line.height;
        if (text) {
          const width = text.length * CELL_WIDTH * line.width;
          const x = xFor(line.align, width, paperWidthDots);
          parts.push(
            `<text x="${x}" y="${y + Math.round(height * 0.8)}" font-size="${height}" ` +
              `textLength="${width}" lengthAdjust="spacingAndGlyphs"` +
              `${line.bold ? ' font-weight="bold"' : ''}>${escapeXml(text)}</text>`,
          );
        }
        y += lineAdvanceDots(line);
        break;
      }
      case 'raster':
        image(block.image, block.align, `raster ${block.image.width}x${block.image.height}`);
        break;
      case 'nv-logo':
        if (block.image) image(block.image, block.align, `NV logo ${block.key}`);
        else {
          const width = Math.round(paperWidthDots / 2);
          const x = xFor(block.align, width, paperWidthDots);
          parts.push(
            `<rect x="${x}" y="${y}" width="${width}" height="96" fill="none" stroke="#888" ` +
              `stroke-dasharray="6 4"/><text x="${x + width / 2}" y="${y + 56}" ` +
              `font-size="20" text-anchor="middle" fill="#666">NV logo ${escapeXml(block.key)}</text>`,
          );
          y += 96;
        }
        break;
      case 'qr': {
        const size = qrSymbolDots(block.payload.length, block.moduleSize);
        const x = xFor(block.align, size, paperWidthDots);
        parts.push(
          `<g><title>QR: ${escapeXml(block.payload)}</title>` +
            `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#eee" stroke="#000" ` +
            `stroke-width="${block.moduleSize}"/><text x="${x + size / 2}" y="${y + size / 2}" ` +
            `font-size="28" text-anchor="middle" font-weight="bold">QR</text>` +
            `<text x="${x + size / 2}" y="${y + size / 2 + 24}" font-size="10" ` +
            `text-anchor="middle">${escapeXml(block.payload.slice(0, 60))}</text></g>`,
        );
        y += size;
        break;
      }
      case 'cut':
        y += 8;
        parts.push(
          `<line x1="0" y1="${y}" x2="${paperWidthDots}" y2="${y}" stroke="#999" ` +
            `stroke-dasharray="8 6"/>`,
        );
        y += 8;
        break;
    }
  }
  const height = y + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${paperWidthDots}" height="${height}" ` +
      `viewBox="0 0 ${paperWidthDots} ${height}" font-family="DejaVu Sans Mono, monospace">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
