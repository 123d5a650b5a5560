import JSZip from 'jszip';

/** A Word file opened for tests: its parts as text, and the document's paragraphs as plain text. */
export interface DocxParts {
  files: string[];
  part(name: string): string;
  /** word/document.xml */
  document: string;
  /** Each paragraph's text (w:t runs joined), in document order. */
  paragraphs: string[];
}

export async function readDocx(bytes: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files);
  const texts = new Map<string, string>();
  for (const name of files) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) texts.set(name, (await zip.file(name)?.async('string')) ?? '');
  }
  const document = texts.get('word/document.xml') ?? '';
  return { files, part: (name) => texts.get(name) ?? '', document, paragraphs: paragraphsOf(document) };
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of every <w:p> in some XML, in order. */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''),
  );
}

/** How many times a pattern occurs. */
export const count = (xml: string, pattern: RegExp) => [...xml.matchAll(new RegExp(pattern, 'g'))].length;
