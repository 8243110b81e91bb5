import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * The text of a PDF as pdfjs-dist reads it, one string per page. pdfjs is an ES module, so it runs
 * in a child Node process (jest's CommonJS runtime cannot import it); the PDF goes in on stdin.
 */
export function extractPdfText(pdf: Buffer): string[] {
  const pdfjs = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const script = `
    const { getDocument } = await import(${JSON.stringify(pdfjs)});
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => it.str + (it.hasEOL ? '\\n' : '')).join(''));
    }
    process.stdout.write(JSON.stringify(pages));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as string[];
}

/** Text without any whitespace, for comparisons that must not depend on where lines break. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');
