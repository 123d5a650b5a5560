/**
 * A chosen file to base64 for the import channel, and a report back to a
 * file on disk. Both go through the browser's own machinery (a data: URL, a
 * download link) because they are native and fast for tens of megabytes,
 * where converting byte by byte in JavaScript is not.
 */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Saves bytes under a name: a download in browser mode, a save dialog in Electron. */
export function saveBase64File(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started from the URL; it is not needed past this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
