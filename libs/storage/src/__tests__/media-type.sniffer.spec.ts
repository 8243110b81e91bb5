import { ALLOWED_EVIDENCE_TYPES, OLE2_MEDIA_TYPE, sniffMediaType } from '../media-type.sniffer';
import { storedZip } from './zip-fixture';

const OLE2_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<Types/>') };

describe('sniffMediaType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), 'application/pdf', 'pdf'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png', 'png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'image/jpeg', 'jpg'],
  ])('recognises %s by its magic bytes', (_, head, mediaType, extension) => {
    expect(sniffMediaType(head)).toEqual({ mediaType, extension });
  });

  it.each([
    ['word/document.xml', 'docx', 'wordprocessingml.document'],
    ['xl/workbook.xml', 'xlsx', 'spreadsheetml.sheet'],
    ['ppt/presentation.xml', 'pptx', 'presentationml.presentation'],
  ])('tells OOXML apart by the %s entry', (entry, extension, suffix) => {
    const zip = storedZip([
      contentTypes,
      { name: '_rels/.rels', data: Buffer.from('<Relationships/>') },
      { name: entry, data: Buffer.from('<x/>') },
    ]);
    expect(sniffMediaType(zip)).toEqual({
      mediaType: `application/vnd.openxmlformats-officedocument.${suffix}`,
      extension,
    });
  });

  it('finds OOXML entries written by streaming zip writers (data descriptor, sizes left at zero)', () => {
    const zip = storedZip([contentTypes, { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }], {
      dataDescriptor: true,
    });
    expect(sniffMediaType(zip)?.extension).toBe('xlsx');
  });

  it('refuses a plain zip', () => {
    expect(sniffMediaType(storedZip([{ name: 'payload.exe', data: Buffer.from('MZ') }]))).toBeNull();
  });

  it('refuses a zip whose head is cut before any Office entry name', () => {
    const zip = storedZip([contentTypes, { name: 'word/document.xml', data: Buffer.alloc(10) }]);
    expect(sniffMediaType(zip.subarray(0, 40))).toBeNull();
  });

  it('accepts legacy OLE2 Office files, naming the extension when the directory is in the head', () => {
    const doc = Buffer.concat([OLE2_HEADER, Buffer.alloc(504), Buffer.from('WordDocument', 'utf16le')]);
    const xls = Buffer.concat([OLE2_HEADER, Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);
    expect(sniffMediaType(doc)).toEqual({ mediaType: OLE2_MEDIA_TYPE, extension: 'doc' });
    expect(sniffMediaType(xls)).toEqual({ mediaType: OLE2_MEDIA_TYPE, extension: 'xls' });
    expect(sniffMediaType(Buffer.concat([OLE2_HEADER, Buffer.alloc(504)]))).toEqual({
      mediaType: OLE2_MEDIA_TYPE,
      extension: 'ole',
    });
  });

  it.each([
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode', 'latin1')],
    ['HTML', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    ['SVG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['a PDF signature not at the start', Buffer.from('<html>%PDF-1.7')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['GIF', Buffer.from('GIF89a')],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', (_, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });

  it('lists every type it can return as allowed', () => {
    expect(ALLOWED_EVIDENCE_TYPES).toHaveLength(7);
    expect(ALLOWED_EVIDENCE_TYPES).toEqual(
      expect.arrayContaining(['application/pdf', 'image/png', 'image/jpeg', OLE2_MEDIA_TYPE]),
    );
  });
});
