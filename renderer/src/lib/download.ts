/**
 * Saving files from the page: a Blob behind an `<a download>` link, which the browser and the
 * desktop shell both turn into a download (the shell asks where to save it).
 */

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name safe on every platform (no separators or control characters). */
export function safeFilename(name: string, fallback = 'limitlab-export'): string {
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 180);
  return cleaned || fallback;
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(filename);
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the download time to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveText(text: string, filename: string, mime: string): void {
  saveBlob(new Blob([text], { type: mime }), filename);
}

export function saveBase64(base64: string, filename: string, mime: string): void {
  saveBlob(new Blob([base64ToBytes(base64)], { type: mime }), filename);
}
