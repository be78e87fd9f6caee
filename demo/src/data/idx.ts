/**
 * Reading IDX files, the format MNIST is distributed in (LeCun et al.): a big-endian header
 * `[0, 0, type, rank]`, then `rank` big-endian uint32 dimension sizes, then the values in row-major
 * order. MNIST's images are `type 0x08` (unsigned bytes) of rank 3 (`count × 28 × 28`), its labels
 * `0x08` of rank 1.
 */

import { closeSync, openSync, readSync } from 'node:fs';

/** The element type codes of the IDX format that steerable reads. */
const UNSIGNED_BYTE = 0x08;

/** An IDX array of unsigned bytes: its dimensions and its row-major values. */
export interface IdxArray {
  /** Sizes of the dimensions, e.g. `[60000, 28, 28]` for MNIST's training images. */
  readonly dims: readonly number[];
  /** The values, row-major, `dims` multiplied out in length (or the requested slice of the first axis). */
  readonly data: Uint8Array;
}

/** The header of an IDX file: dimensions and the byte offset where the values start. */
export interface IdxHeader {
  readonly dims: readonly number[];
  readonly dataOffset: number;
}

/** Parses and checks an IDX header (unsigned-byte arrays only). */
export function parseIdxHeader(header: Uint8Array, source = 'buffer'): IdxHeader {
  if (header.length < 4) throw new Error(`${source}: too short for an IDX header (${header.length} bytes)`);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const zero = view.getUint16(0);
  const type = view.getUint8(2);
  const rank = view.getUint8(3);
  if (zero !== 0)
    throw new Error(`${source}: not an IDX file (magic number 0x${view.getUint32(0).toString(16)})`);
  if (type !== UNSIGNED_BYTE) {
    throw new Error(
      `${source}: IDX element type 0x${type.toString(16)} is not supported (only unsigned bytes)`,
    );
  }
  if (rank < 1) throw new Error(`${source}: IDX rank must be at least 1, got ${rank}`);
  const dataOffset = 4 + 4 * rank;
  if (header.length < dataOffset) throw new Error(`${source}: truncated IDX header`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  return { dims, dataOffset };
}

function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

/** Parses a whole IDX file held in memory; the values are a view into `bytes` (no copy). */
export function parseIdx(bytes: Uint8Array, source = 'buffer'): IdxArray {
  const { dims, dataOffset } = parseIdxHeader(bytes, source);
  const size = product(dims);
  if (bytes.length < dataOffset + size) {
    throw new Error(`${source}: IDX data truncated: ${bytes.length - dataOffset} of ${size} values present`);
  }
  return { dims, data: bytes.subarray(dataOffset, dataOffset + size) };
}

/**
 * Reads items `start … start + count − 1` (along the first axis) of an IDX file from disk, reading only
 * those bytes. `count` defaults to all items from `start` on.
 */
export function readIdxFile(path: string, options: { start?: number; count?: number } = {}): IdxArray {
  const fd = openSync(path, 'r');
  try {
    const probe = new Uint8Array(4);
    readSync(fd, probe, 0, 4, 0);
    const rank = probe[3] ?? 0;
    const header = new Uint8Array(4 + 4 * rank);
    readSync(fd, header, 0, header.length, 0);
    const { dims, dataOffset } = parseIdxHeader(header, path);
    const [items = 0, ...rest] = dims;
    const itemSize = product(rest);
    const start = options.start ?? 0;
    const count = options.count ?? items - start;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(count) ||
      start < 0 ||
      count < 0 ||
      start + count > items
    ) {
      throw new Error(`${path}: cannot read items ${start}…${start + count - 1} of ${items}`);
    }
    const data = new Uint8Array(count * itemSize);
    const read = readSync(fd, data, 0, data.length, dataOffset + start * itemSize);
    if (read !== data.length)
      throw new Error(`${path}: IDX data truncated (${read} of ${data.length} bytes)`);
    return { dims: [count, ...rest], data };
  } finally {
    closeSync(fd);
  }
}
