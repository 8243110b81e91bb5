import { TIER_NAMES, type TierCode } from '@ff/rules';
import { drawQrCode } from './pdf/qr';
import type { Typeface } from './pdf/fonts';
import { PdfWriter } from './pdf/writer';
import { chineseDate, type RenderedDocument } from './render-common';

/**
 * What a certificate states — plain facts, filled by whoever owns the designation. Dates are
 * calendar dates (`YYYY-MM-DD`, Beijing time); `issuedAt` is the date printed beside the issuer.
 */
export interface CertificateFacts {
  certificateNumber: string;
  /** The short code printed on the certificate; the public verification asks for it with the number. */
  verificationCode: string;
  enterpriseName: string;
  creditCode: string;
  tier: TierCode;
  /** Table 15 construction type name (未来工厂 only), e.g. `链主型`. */
  constructionType?: string | null;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  /** The URL the QR code carries (see `certificateVerifyUrl`). */
  verifyUrl: string;
}

/** The public verification route the QR code opens (`PublicController.verify` in `@ff/designations`). */
export const CERTIFICATE_VERIFY_PATH = '/api/v1/public/designations/verify';

/**
 * `<PUBLIC_BASE_URL>/api/v1/public/designations/verify?certificateNumber=<number>&verificationCode=<code>`:
 * what the certificate's QR code carries — the unauthenticated verification endpoint, which answers
 * the designation's public facts and its current status (revoked included).
 */
export function certificateVerifyUrl(publicBaseUrl: string, certificateNumber: string, code: string): string {
  const query = new URLSearchParams({ certificateNumber, verificationCode: code });
  return `${publicBaseUrl.replace(/\/+$/, '')}${CERTIFICATE_VERIFY_PATH}?${query.toString()}`;
}

/** The lines of text a certificate carries, in reading order (the test compares the extracted text with them). */
export function certificateLines(f: CertificateFacts, issuer: string): string[] {
  return [
    TIER_NAMES[f.tier],
    '认定证书',
    `${f.enterpriseName}：`,
    `经评审、公示，你单位被认定为“${TIER_NAMES[f.tier]}”${f.constructionType ? `（建设类型：${f.constructionType}）` : ''}，特发此证。`,
    `统一社会信用代码：${f.creditCode}`,
    `证书编号：${f.certificateNumber}`,
    `有效期：${chineseDate(f.validFrom)}至${chineseDate(f.validUntil)}`,
    `验证码：${f.verificationCode}`,
    issuer,
    chineseDate(f.issuedAt),
  ];
}

/** The certificate, A4 landscape, one page: the text, a frame, and a QR code of the verification URL. */
export async function renderCertificate(
  f: CertificateFacts,
  issuer: string,
  typeface: Typeface = 'cjk',
): Promise<RenderedDocument> {
  const [tierLine, title, addressee, body, credit, number, validity, code, issuerLine, date] = certificateLines(
    f,
    issuer,
  );
  const w = new PdfWriter({
    typeface,
    layout: 'landscape',
    title: `${TIER_NAMES[f.tier]}认定证书 ${f.certificateNumber}`,
    author: issuer,
    creationDate: new Date(`${f.issuedAt}T00:00:00+08:00`),
    margin: 0,
  });
  const { doc } = w;
  const W = w.width;
  const H = w.height;
  // Frame: an outer and an inner border.
  doc
    .rect(24, 24, W - 48, H - 48)
    .lineWidth(3)
    .strokeColor('#9b1c1c')
    .stroke();
  doc
    .rect(34, 34, W - 68, H - 68)
    .lineWidth(0.8)
    .strokeColor('#c53030')
    .stroke();

  w.font('bold', 22, '#9b1c1c').text(tierLine, 0, 78, { width: W, align: 'center', characterSpacing: 4 });
  w.font('bold', 36, '#9b1c1c').text(title, 0, 112, { width: W, align: 'center', characterSpacing: 12 });

  const left = 110;
  const width = W - 220;
  w.font('bold', 18).text(addressee, left, 200, { width });
  w.font('regular', 15).text(body, left + 30, 238, { width: width - 30, lineGap: 6 });

  w.font('regular', 12, '#334e68');
  const factsY = 318;
  [credit, number, validity].forEach((line, i) => w.text(line, left + 30, factsY + i * 22, { width: width - 200 }));

  // Issuer and date, bottom right.
  w.font('bold', 15).text(issuerLine, W - 360, H - 150, { width: 250, align: 'center' });
  w.font('regular', 13).text(date, W - 360, H - 124, { width: 250, align: 'center' });

  // QR code and its caption, bottom left.
  const qrSize = 104;
  drawQrCode(doc, f.verifyUrl, left, H - 190, qrSize);
  w.font('regular', 8.5, '#52606d').text('扫码验证证书真伪', left + qrSize + 8, H - 160, { width: 200 });
  w.font('regular', 8.5, '#52606d').text(code, left + qrSize + 8, H - 146, { width: 200 });

  const note = w.missingGlyphNote();
  if (note) w.font('regular', 8, '#7b8794').text(note, left, H - 68, { width });
  return { bytes: await w.finish(), missingGlyphs: w.missingGlyphs() };
}
