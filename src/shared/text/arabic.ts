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
 * What folding does to each UTF-16 unit it changes: '' drops it (tashkeel,
 * Quranic marks and superscript alef; tatweel; bidi controls — LRM, RLM, ALM,
 * embeddings, overrides, isolates — and zero-width characters), a letter
 * replaces it (the variants people type interchangeably, and Arabic-Indic and
 * Persian digits), ' ' marks whitespace (each run becomes one space, none at
 * the ends). Units not listed stay as they are.
 */
const FOLDED: ReadonlyMap<number, string> = (() => {
  const table = new Map<number, string>();
  const range = (from: number, to: number, as: (code: number) => string) => {
    for (let code = from; code <= to; code++) table.set(code, as(code));
  };
  const removed = () => '';
  range(0x064b, 0x065f, removed);
  range(0x0670, 0x0670, removed);
  range(0x06d6, 0x06ed, removed);
  range(0x0640, 0x0640, removed);
  range(0x200b, 0x200f, removed);
  range(0x061c, 0x061c, removed);
  range(0x202a, 0x202e, removed);
  range(0x2066, 0x2069, removed);
  range(0xfeff, 0xfeff, removed);
  const letters: Record<string, string> = {
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
  for (const [variant, letter] of Object.entries(letters)) table.set(variant.charCodeAt(0), letter);
  range(ARABIC_INDIC_ZERO, ARABIC_INDIC_ZERO + 9, (code) => String(code - ARABIC_INDIC_ZERO));
  range(PERSIAN_ZERO, PERSIAN_ZERO + 9, (code) => String(code - PERSIAN_ZERO));
  // JavaScript's \s: what a space, a tab or a line break may be typed or pasted as.
  for (const space of '\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000') table.set(space.charCodeAt(0), ' ');
  range(0x2000, 0x200a, () => ' ');
  return table;
})();

/**
 * Characters NFKC changes in the text we meet: Arabic presentation forms
 * (ﺃﺣﻤﺪ, ﻻ), full-width Latin, ligatures and compatibility spaces. Most cells
 * have none, and skipping NFKC for them makes folding several times faster
 * (it runs for every row of a 10,000-row import and every registrant searched).
 */
const NEEDS_NFKC = /[\u00A0-\u00FF\u2000-\u2FFF\u3000\uFB00-\uFDFF\uFE70-\uFEFF\uFF00-\uFFEF]/;

/** Letters that may have a lower case: Latin, Greek, Cyrillic and the rest outside Arabic's blocks. */
function mayHaveCase(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0xc0 && (code < 0x0600 || code > 0x06ff));
}

/**
 * Folds a string for search and duplicate matching, so that
 * "أحمد" / "احمد" / "إحمد", "فاطمة" / "فاطمه", "مصطفى" / "مصطفي",
 * "مُحَمَّد" / "محـــمد" / "محمد" all compare equal; digits become 0-9, case
 * is folded, whitespace collapsed and trimmed. Not for display: the result is
 * lossy. One pass over the text, copying the runs it leaves alone: it folds
 * every name of a large import and every registrant searched.
 */
export function normalizeArabic(s: string): string {
  // NFKC first: turns presentation forms and full-width Latin into plain letters.
  const text = NEEDS_NFKC.test(s) ? s.normalize('NFKC') : s;
  let folded = '';
  let runStart = 0;
  let spaceWanted = false;
  let cased = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const replacement = FOLDED.get(code);
    if (replacement === undefined) {
      if (spaceWanted) {
        if (folded !== '') folded += ' ';
        spaceWanted = false;
      }
      if (!cased && mayHaveCase(code)) cased = true;
      continue;
    }
    folded += text.slice(runStart, i);
    runStart = i + 1;
    if (replacement === ' ') {
      spaceWanted = true;
    } else if (replacement !== '') {
      if (spaceWanted) {
        if (folded !== '') folded += ' ';
        spaceWanted = false;
      }
      folded += replacement;
    }
  }
  folded += text.slice(runStart);
  return cased ? folded.toLowerCase() : folded;
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

const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Parts of one line for the screen (a venue's hall, city and country, a
 * delegation's city and country), each isolated as a whole. Arabic parts are
 * joined by the Arabic comma, in the English UI too («الرباط، المملكة
 * المغربية»), and the whole line is then isolated so it reads right to left
 * inside English; otherwise the UI's own comma.
 */
export function joinParts(parts: readonly string[], lang: 'ar' | 'en'): string {
  const kept = parts.map((p) => p.trim()).filter(Boolean);
  const allArabic = kept.length > 0 && kept.every((p) => hasArabic(p) && !LATIN_LETTER.test(p));
  const line = kept
    .map((p) =>
      !allArabic && kept.length > 1 && (lang === 'ar' ? LATIN_LETTER.test(p) : hasArabic(p)) ? isolate(p) : p,
    )
    .join(lang === 'ar' || allArabic ? '، ' : ', ');
  return lang === 'en' && allArabic ? isolate(line) : line;
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
 * A run of digits (any script) that reads left to right inside Arabic text: optional leading
 * '+', then digits possibly joined by spaces and phone/date/code punctuation, ending on a
 * digit. An en dash is not part of it, so "24–25" stays two numbers that a right-to-left
 * line reads from the right, 24 then 25, as the cover prints a range of days.
 */
const NUMBER_RUN = /\+?\p{Nd}(?:[\p{Nd} +@._\-/:#&']*\p{Nd})?/gu;

/** Brackets and quotation marks that open and close: an isolated run holds both of a pair or neither. */
const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '«': '»', '“': '”', '‹': '›' };
const CLOSERS = new Set(Object.values(PAIRS));

type Script = 'Latin' | 'Arabic';

/**
 * The widest stretch that belongs to one script inside text of the other: from a letter of
 * `script` (or a digit, or a '+' before one) to the last such letter or digit before the
 * other script's next character. Spaces, dashes, commas, colons, brackets and digits between
 * are inside it, so "Forum – Muscat, 2nd edition" is one unit, not three pieces that the
 * surrounding direction would reorder. The Arabic comma, semicolon and question mark (of the
 * Common script) end a Latin stretch: "John، Mary" is an Arabic list of two.
 */
const SCRIPT_RUN: Record<Script, RegExp> = {
  Latin:
    /\+?[\p{Script=Latin}0-9](?:[^\p{Script=Arabic}\u060C\u061B\u061F\u2066-\u2069\n]*[\p{Script=Latin}0-9)\]}»”›])?/gu,
  Arabic:
    /(?=\p{L})\p{Script=Arabic}(?:[^\p{Script=Latin}\u2066-\u2069\n]*(?:(?=\p{L})\p{Script=Arabic}|[\p{Nd})\]}»”›]))?/gu,
};
const SCRIPT_LETTER: Record<Script, RegExp> = {
  Latin: /\p{Script=Latin}/u,
  Arabic: /(?=\p{L})\p{Script=Arabic}/u,
};
/** A character a run may end on: its script's letters, and digits. */
const RUN_END: Record<Script, RegExp> = {
  Latin: /[\p{Script=Latin}\p{Nd}]/u,
  Arabic: /(?:(?=\p{L})\p{Script=Arabic}|\p{Nd})/u,
};

/**
 * The longest start of `run` whose brackets and quotation marks are all closed and that
 * ends on a letter, a digit or a closed pair: "Mary (CEO" gives "Mary", so the bracket stays in the
 * surrounding text and mirrors with it.
 */
function balancedStart(run: string, script: Script): string {
  const open: string[] = [];
  let end = 0;
  const chars = [...run];
  let offset = 0;
  for (const ch of chars) {
    offset += ch.length;
    const closer = PAIRS[ch];
    if (closer) open.push(closer);
    else if (CLOSERS.has(ch)) {
      if (open.pop() !== ch) break;
      // A pair closed inside the run ("(2019)") ends it as well as a letter does.
      if (open.length === 0) end = offset;
    } else if (open.length === 0 && RUN_END[script].test(ch)) end = offset;
  }
  return run.slice(0, end);
}

/** Wraps digit runs in LRI..PDI: "+966 55 123 4567" would otherwise show as "4567 123 55 +966". */
function isolateNumbers(s: string): string {
  return s.replace(NUMBER_RUN, (run) => LRI + run + PDI);
}

/**
 * Isolates every stretch of `script` in text outside isolates as ONE unit (LRI for Latin,
 * RLI for Arabic), and, inside Arabic text, runs of digits alone. One unit, because a title
 * isolated piece by piece ("Forum", "Muscat") is reordered at each dash between the pieces.
 */
function isolateScriptRuns(text: string, script: Script): string {
  const pattern = SCRIPT_RUN[script];
  const [open, rest] = script === 'Latin' ? [LRI, isolateNumbers] : [RLI, (s: string) => s];
  let out = '';
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) break;
    const unit = balancedStart(match[0], script);
    out += rest(text.slice(at, match.index));
    if (unit.length === 0) {
      // A '+' or an opening bracket with nothing closed after it: step over it.
      out += rest(match[0].slice(0, 1));
      at = match.index + 1;
      continue;
    }
    out += SCRIPT_LETTER[script].test(unit) ? open + unit + PDI : rest(unit);
    at = match.index + unit.length;
  }
  return out + rest(text.slice(at));
}

/**
 * Wraps each Latin stretch inside Arabic text in LRI..PDI as one unit (a name, an English
 * title with its dashes and commas, an e-mail), and each run of digits in its own, e.g. a
 * phone "+966 55 123 4567" would otherwise be shown as "4567 123 55 +966".
 * Idempotent: text already inside an isolate (LRI/RLI/FSI..PDI) is left alone.
 * Text without Arabic letters is returned unchanged.
 */
export function isolateLatinRuns(s: string): string {
  if (!hasArabic(s)) return s;
  return splitIsolates(s)
    .map((seg) => (seg.isolated ? seg.text : isolateScriptRuns(seg.text, 'Latin')))
    .join('');
}

/**
 * The same for English text: each Arabic stretch (a name with no English form, a hall)
 * wrapped in RLI..PDI as one unit, so its words and the digits at its end read right to left.
 * Text without Arabic letters is returned unchanged.
 */
export function isolateArabicRuns(s: string): string {
  if (!hasArabic(s)) return s;
  return splitIsolates(s)
    .map((seg) => (seg.isolated ? seg.text : isolateScriptRuns(seg.text, 'Arabic')))
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
