/** Compiling the committed WebAssembly modules (NAME-binary.ts, base64) where WebAssembly runs. */

export const WASM_PAGE = 65536;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The compiled module, or null where WebAssembly is missing or refuses to compile (e.g. by CSP). */
export function compileWasm(base64: string): WebAssembly.Module | null {
  try {
    return typeof WebAssembly === 'object' ? new WebAssembly.Module(decodeBase64(base64)) : null;
  } catch {
    return null;
  }
}
