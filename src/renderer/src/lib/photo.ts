import { PHOTO_MAX_SIDE } from '../../../shared/domain/person';

/**
 * Resizes a picked image to at most `maxSide` on its longer side and
 * re-encodes it as JPEG, in the renderer (no native image library in core);
 * core still checks the bytes and the size cap. Returns base64 without a prefix.
 */
export async function resizedPhotoBase64(file: File, maxSide = PHOTO_MAX_SIDE): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.fillStyle = '#fff'; // a transparent PNG gets a white ground, not black
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const dataUrl = canvas.toDataURL('image/jpeg', 0.85);
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
