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
