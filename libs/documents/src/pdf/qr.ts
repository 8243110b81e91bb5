import QRCode from 'qrcode';

/**
 * A QR code drawn as vector rectangles (one per run of dark modules in a row), so it stays sharp at
 * any zoom and needs no image. Error correction M; a quiet zone of 4 modules is left around it.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 8);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + (4 + start) * cell, y + (4 + row) * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill();
  doc.restore();
}
