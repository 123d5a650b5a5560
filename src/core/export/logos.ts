/**
 * The organisers' logos (the forum's `logos`, image files in the data
 * folder's photos), as the Word documents print them in a row: the
 * programme's cover and each certificate.
 */
import { ImageRun, TextRun } from 'docx';
import type { Forum } from '../../shared/domain/forum';
import type { ExportInput } from './export-input';
import { type ImageSize, imageSize } from './image-size';

/** A logo's bytes and size, read once for every page that prints it. */
export type Logo = ImageSize & { data: Buffer };

/** The forum's logos in order; a file gone from the data folder, or not an image, is left out. */
export async function readLogos(forum: Pick<Forum, 'logos'>, photo: ExportInput['photo']): Promise<Logo[]> {
  const logos: Logo[] = [];
  for (const name of forum.logos) {
    const data = await photo(name);
    const size = data && imageSize(data);
    if (data && size) logos.push({ ...size, data });
  }
  return logos;
}

/**
 * The logos as one row of a paragraph: each `height` pixels high and as wide
 * as its proportions make it, `gap` between two, the whole row scaled down
 * when it is wider than `room` pixels. In a right-to-left paragraph the first
 * logo stands at the right, where an Arabic reader starts.
 */
export function logoRuns(
  logos: readonly Logo[],
  size: { height: number; room: number; gap: { text: string; pixels: number } },
  altText: string,
): (ImageRun | TextRun)[] {
  const widths = logos.map((logo) => (size.height * logo.width) / logo.height);
  const room = size.room - size.gap.pixels * (logos.length - 1);
  const scale = Math.min(1, room / widths.reduce((a, b) => a + b, 0));
  return logos.flatMap((logo, i) => {
    const image = new ImageRun({
      type: logo.type,
      data: logo.data,
      transformation: { width: (widths[i] ?? 0) * scale, height: size.height * scale },
      altText: { name: `logo-${i + 1}`, description: altText, title: altText },
    });
    return i === 0 ? [image] : [new TextRun({ text: size.gap.text }), image];
  });
}
