/** Builds a minimal stored (uncompressed) zip by hand: node has no zip writer and the tests need only the layout. */
export function storedZip(
  entries: Array<{ name: string; data: Buffer }>,
  opts: { dataDescriptor?: boolean } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'latin1');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.dataDescriptor ? 0x0008 : 0, 6);
    // crc left at 0: the sniffer never checks it.
    local.writeUInt32LE(opts.dataDescriptor ? 0 : data.length, 18);
    local.writeUInt32LE(opts.dataDescriptor ? 0 : data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    const part = Buffer.concat([local, nameBytes, data]);
    locals.push(part);
    centrals.push(central, nameBytes);
    offset += part.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MAIN_PART: Record<string, [path: string, contentType: string]> = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  xlsx: ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
};

/**
 * The smallest well-formed OOXML package of a kind: `[Content_Types].xml` declaring the main part,
 * `_rels/.rels` pointing at it, and the part. `mainType` overrides the declared type (e.g. a
 * macro-enabled one); `extra` adds entries (e.g. a VBA project).
 */
export function officeZip(
  kind: 'docx' | 'xlsx' | 'pptx',
  opts: { mainType?: string; extra?: Array<{ name: string; data: Buffer }>; omit?: string[] } = {},
): Buffer {
  const [main, type] = MAIN_PART[kind];
  const entries = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          `<Override PartName="/${main}" ContentType="${opts.mainType ?? type}"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
      ),
    },
    { name: main, data: Buffer.from('<document>自评报告</document>') },
    ...(opts.extra ?? []),
  ];
  return storedZip(entries.filter((e) => !opts.omit?.includes(e.name)));
}

/** Rewrites one central-directory entry's declared uncompressed size (a zip bomb's promise). */
export function declareUncompressed(zip: Buffer, entryName: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('latin1', at + 46, at + 46 + nameLength) === entryName) out.writeUInt32LE(size, at + 24);
    at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46);
  }
  return out;
}
