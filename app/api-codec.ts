/**
 * JSON codec for the API over HTTP/WebSocket: Float64Array values travel as
 * `{ "$f64": "<base64 of little-endian bytes>" }` and come back as Float64Array.
 * Pure (no node:, no DOM beyond atob/btoa which both Node 20 and browsers have).
 */

const F64_TAG = '$f64';

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function f64ToBase64(values: Float64Array): string {
  const copy = new Float64Array(values);
  const bytes = new Uint8Array(copy.buffer);
  if (!littleEndian) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return bytesToBase64(bytes);
}

function base64ToF64(text: string): Float64Array {
  const bytes = base64ToBytes(text);
  if (bytes.length % 8 !== 0) throw new Error('malformed Float64 payload');
  if (!littleEndian) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}

/** Serialize a value, turning every Float64Array into a tagged base64 object. */
export function encodeApiJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float64Array) return { [F64_TAG]: f64ToBase64(v) };
    return v;
  });
}

/** Parse a document produced by encodeApiJson. */
export function decodeApiJson<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const tagged = (v as Record<string, unknown>)[F64_TAG];
      if (typeof tagged === 'string' && Object.keys(v).length === 1) return base64ToF64(tagged);
    }
    return v;
  }) as T;
}
