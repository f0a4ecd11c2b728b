/**
 * Float64Array <-> little-endian BLOB. One row per curve; the byte order is fixed so a library
 * file moves between machines.
 */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function encodeFloat64(values: Float64Array): Buffer {
  const buffer = Buffer.alloc(values.length * 8);
  if (HOST_IS_LITTLE_ENDIAN) {
    buffer.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  } else {
    for (let i = 0; i < values.length; i++) buffer.writeDoubleLE(values[i]!, i * 8);
  }
  return buffer;
}

export function decodeFloat64(blob: Uint8Array): Float64Array {
  if (blob.byteLength % 8 !== 0) throw new Error(`corrupt series blob: ${blob.byteLength} bytes is not a multiple of 8`);
  const out = new Float64Array(blob.byteLength / 8);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
