/**
 * Arabic text helpers: digits, search normalisation, collation and bidi isolation.
 *
 * Pure module (no Node APIs, no DOM): used by both the core and the renderer.
 */

// ---------------------------------------------------------------------------
// Digits
// ---------------------------------------------------------------------------

const ARABIC_INDIC_ZERO = 0x0660; // ٠
const PERSIAN_ZERO = 0x06f0; // ۰ (Persian/Urdu keyboards produce these)

/** Arabic-Indic ٠-٩ and Persian ۰-۹ -> 0-9. Other characters untouched. */
export function toLatinDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const base = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - base);
  });
}

/** 0-9 -> ٠-٩. Other characters untouched. */
export function toArabicDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(ARABIC_INDIC_ZERO + Number(d)));
}

// ---------------------------------------------------------------------------
// Normalisation for search and duplicate matching
// ---------------------------------------------------------------------------

/**
 * What folding removes: tashkeel, Quranic marks and superscript alef; tatweel;
 * bidi controls (LRM, RLM, ALM, embeddings/overrides, isolates) and zero-width chars.
 */
const REMOVED = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Letter variants people type interchangeably. */
const LETTER_MAP: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ؤ: 'و',
  ئ: 'ي',
  // Persian keyboard letters that look identical to the Arabic ones.
  ی: 'ي', // U+06CC Farsi yeh
  ک: 'ك', // U+06A9 keheh
};
const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');
/**
 * Characters NFKC changes in the text we meet: Arabic presentation forms
 * (ﺃﺣﻤﺪ, ﻻ), full-width Latin, ligatures and compatibility spaces. Most cells
 * have none, and skipping NFKC for them makes folding several times faster
 * (it runs for every row of a 10,000-row import and every registrant searched).
 */
const NEEDS_NFKC = /[\u00A0-\u00FF\u2000-\u2FFF\u3000\uFB00-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]/;

/**
 * Folds a string for search and duplicate matching, so that
 * "أحمد" / "احمد" / "إحمد", "فاطمة" / "فاطمه", "مصطفى" / "مصطفي",
 * "مُحَمَّد" / "محـــمد" / "محمد" all compare equal.
 * Not for display: the result is lossy.
 */
export function normalizeArabic(s: string): string {
  // NFKC first: turns presentation forms and full-width Latin into plain letters.
  const composed = NEEDS_NFKC.test(s) ? s.normalize('NFKC') : s;
  return toLatinDigits(composed.replace(REMOVED, '').replace(LETTERS, (ch) => LETTER_MAP[ch] ?? ch))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when every whitespace-separated token of the (normalised) query is a
 * substring of the (normalised) haystack. An empty query matches everything.
 */
export function matchesSearch(haystack: string | readonly string[], query: string): boolean {
  const text = normalizeArabic(typeof haystack === 'string' ? haystack : haystack.join(' '));
  const tokens = normalizeArabic(query).split(' ').filter(Boolean);
  return tokens.every((t) => text.includes(t));
}

// ---------------------------------------------------------------------------
// Collation
// ---------------------------------------------------------------------------

/**
 * Arabic alphabetical order (ا ب ت ...), hamza forms and case ignored,
 * "ب2" before "ب10", punctuation and spaces ignored ("عبد الله" = "عبدالله").
 */
export const arabicCollator: Intl.Collator = new Intl.Collator('ar', {
  sensitivity: 'base',
  numeric: true,
  ignorePunctuation: true,
});

export function compareArabic(a: string, b: string): number {
  return arabicCollator.compare(a, b);
}

/**
 * Drops the definite article for family-name sorting: "الملحم" -> "ملحم".
 * Only when at least two letters remain, so short words such as "الف" stay whole.
 */
export function stripArticle(word: string): string {
  const w = word.trim();
  if (!w.startsWith('ال')) return w;
  const rest = w.slice(2);
  return [...rest].filter((ch) => /\p{L}/u.test(ch)).length >= 2 ? rest : w;
}

// ---------------------------------------------------------------------------
// Bidi isolation
// ---------------------------------------------------------------------------

export const LRI = '\u2066';
export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

/** Wraps s in FSI..PDI so its direction is decided by its own first strong letter. */
export function isolate(s: string): string {
  return FSI + s + PDI;
}

/** An Arabic-script letter (Arabic-Indic digits alone do not count). */
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

export function hasArabic(s: string): boolean {
  return ARABIC_LETTER.test(s);
}

/**
 * True when s contains something that misbehaves in right-to-left text:
 * Latin letters, digits (any script: phone groups reorder), '+' or '@'.
 */
export function needsIsolation(s: string): boolean {
  return /[\p{Script=Latin}\p{Nd}+@]/u.test(s);
}

/**
 * A left-to-right run: optional leading '+', then Latin letters / digits, possibly joined
 * by spaces and e-mail/phone/code punctuation, and ending on a letter or digit (so a
 * sentence-final "." or a closing bracket stays in the Arabic text).
 */
const LTR_RUN = /\+?[\p{Script=Latin}\p{Nd}](?:[\p{Script=Latin}\p{Nd} +@._\-/:#&']*[\p{Script=Latin}\p{Nd}])?/gu;

/**
 * Wraps each Latin/digit run inside Arabic text in LRI..PDI, e.g. a phone
 * "+966 55 123 4567" would otherwise be shown as "4567 123 55 +966".
 * Idempotent: text already inside an isolate (LRI/RLI/FSI..PDI) is left alone.
 * Text without Arabic letters is returned unchanged.
 */
export function isolateLatinRuns(s: string): string {
  if (!hasArabic(s)) return s;
  return splitIsolates(s)
    .map((seg) => (seg.isolated ? seg.text : seg.text.replace(LTR_RUN, (run) => LRI + run + PDI)))
    .join('');
}

/** Splits s into already-isolated segments (initiator..matching PDI, nesting aware) and the rest. */
function splitIsolates(s: string): { text: string; isolated: boolean }[] {
  const out: { text: string; isolated: boolean }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === LRI || ch === RLI || ch === FSI) {
      if (depth === 0 && i > start) {
        out.push({ text: s.slice(start, i), isolated: false });
        start = i;
      }
      depth++;
    } else if (ch === PDI && depth > 0) {
      depth--;
      if (depth === 0) {
        out.push({ text: s.slice(start, i + 1), isolated: true });
        start = i + 1;
      }
    }
  }
  // An unterminated isolate runs to the end of the paragraph: leave it alone too.
  if (start < s.length) out.push({ text: s.slice(start), isolated: depth > 0 });
  return out;
}
