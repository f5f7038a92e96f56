// Palette reduction for the documentation screenshot: Chromium writes true-color PNGs, several
// times larger than a page of flat colors and text needs. This reads the 8-bit RGB(A),
// non-interlaced PNG a screenshot is, picks `colors` palette entries and writes an indexed PNG.
// Deterministic (ties broken by color value), dependency-free (node:zlib only).

import zlib from 'node:zlib';

interface Image {
  width: number;
  height: number;
  /** 0xRRGGBB per pixel (alpha dropped: screenshots are opaque). */
  pixels: Uint32Array;
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let pos = 8; pos < png.length; ) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colorType, , , interlace] = data.subarray(8, 13);
      channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, color type ${colorType}, interlace ${interlace})`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = rows.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : undefined;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const b = up ? up[x] : 0;
      const c = up && x >= channels ? up[x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = (line[x] + predictor) & 0xff;
    }
  }
  const pixels = new Uint32Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (rows[i * channels] << 16) | (rows[i * channels + 1] << 8) | rows[i * channels + 2];
  return { width, height, pixels };
}

/** Perceptually weighted squared distance between two 0xRRGGBB colors. */
function distance(p: number, q: number): number {
  const dr = (p >> 16) - (q >> 16);
  const dg = ((p >> 8) & 0xff) - ((q >> 8) & 0xff);
  const db = (p & 0xff) - (q & 0xff);
  return 2 * dr * dr + 4 * dg * dg + db * db;
}

/**
 * Up to `colors` entries: the most frequent color, then repeatedly the color with the most pixels
 * times its distance to the palette so far, so a small but distinct swatch (a legend's amber) is
 * kept rather than one more shade of anti-aliased gray.
 */
function choosePalette(pixels: Uint32Array, colors: number): number[] {
  const counts = new Map<number, number>();
  for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const palette = [entries[0][0]];
  const nearest = entries.map(([c]) => distance(c, palette[0]));
  while (palette.length < Math.min(colors, entries.length)) {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < entries.length; i++) {
      const score = entries[i][1] * nearest[i];
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    const color = entries[best][0];
    palette.push(color);
    for (let i = 0; i < entries.length; i++) nearest[i] = Math.min(nearest[i], distance(entries[i][0], color));
  }
  return palette;
}

/** An indexed-color PNG of `png` with at most `colors` (≤ 256) colors. */
export function reducePng(png: Buffer, colors: number): Buffer {
  const { width, height, pixels } = decodePng(png);
  const palette = choosePalette(pixels, Math.min(colors, 256));
  const index = new Map<number, number>();
  const indexOf = (color: number): number => {
    let i = index.get(color);
    if (i === undefined) {
      i = 0;
      for (let j = 1; j < palette.length; j++) if (distance(color, palette[j]) < distance(color, palette[i])) i = j;
      index.set(color, i);
    }
    return i;
  };
  // Filter 0 on every row: the usual best choice for palette images.
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = indexOf(pixels[y * width + x]);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // indexed color
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.writeUIntBE(c, i * 3, 3));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
