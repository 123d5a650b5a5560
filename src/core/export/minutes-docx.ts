/**
 * The minutes of a council session (محضر الاجتماع) as a Word file the
 * rapporteur finishes in Word: the body, the session and where and when it
 * met; for each sitting who attended (present, apologised, absent, or who
 * stood in) and whether there was a quorum; the agenda item by item with its
 * presenter, documents, discussion and outcome and the decisions taken under
 * it; the register of decisions and recommendations with who carries each out
 * and by when; and the signature block: chair, rapporteur and the members.
 */
import { BorderStyle, type Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Council, Decision, FollowedDecision } from '../../shared/domain/council';
import { quorumOf } from '../../shared/domain/council';
import type { MinutesExport } from '../../shared/domain/export';
import {
  attendanceName,
  councilOf,
  decisionKindName,
  decisionStatusName,
  memberName,
  ordinal,
  outcomeName,
  personText,
  printedNumber,
} from './council-words';
import {
  type DocLang,
  documentFormatters,
  textIn,
  titleIn,
  type Words,
  writtenDay,
  writtenDays,
} from './document-words';
import {
  a4Section,
  docxParagraph,
  type ParagraphStyle,
  packDocx,
  printable,
  ruledTable,
  type SectionChild,
} from './docx-kit';
import type { ExportInput, ExportWriter } from './export-input';

const WORDS = {
  minutes: { ar: 'محضر الاجتماع', en: 'Minutes of the meeting' },
  of: { ar: 'محضر اجتماع', en: 'Minutes of the meeting of' },
  heldAt: { ar: 'عُقد الاجتماع في', en: 'The meeting was held at' },
  on: { ar: 'خلال', en: 'on' },
  sitting: { ar: 'الجلسة', en: 'Sitting' },
  attendance: { ar: 'الحضور', en: 'Attendance' },
  member: { ar: 'العضو', en: 'Member' },
  representative: { ar: 'الممثل', en: 'Representative' },
  status: { ar: 'الحالة', en: 'Status' },
  notMarked: { ar: 'لم يُسجَّل', en: 'not recorded' },
  standingIn: { ar: 'ينوب عنه', en: 'Represented by' },
  quorumReached: {
    ar: 'اكتمل النصاب بحضور {counted} من {members} أعضاء (النصاب المطلوب {needed}).',
    en: 'A quorum was present: {counted} of {members} members (quorum {needed}).',
  },
  quorumMissing: {
    ar: 'لم يكتمل النصاب: حضر {counted} من {members} أعضاء (النصاب المطلوب {needed}).',
    en: 'No quorum: {counted} of {members} members present (quorum {needed}).',
  },
  agenda: { ar: 'جدول الأعمال وما دار فيه', en: 'The agenda and its proceedings' },
  item: { ar: 'البند', en: 'Item' },
  presenter: { ar: 'المقدِّم', en: 'Presented by' },
  documents: { ar: 'الوثائق', en: 'Documents' },
  planned: { ar: 'الوقت المقرر', en: 'Time planned' },
  minutesUnit: { ar: 'دقيقة', en: 'minutes' },
  discussion: { ar: 'ما دار', en: 'Discussion' },
  outcome: { ar: 'النتيجة', en: 'Outcome' },
  followed: { ar: 'القرارات المتابَعة', en: 'Decisions followed up' },
  decisions: { ar: 'القرارات والتوصيات', en: 'Decisions and recommendations' },
  number: { ar: 'الرقم', en: 'No.' },
  text: { ar: 'النص', en: 'Text' },
  responsible: { ar: 'الجهة المسؤولة', en: 'Responsible' },
  deadline: { ar: 'الموعد النهائي', en: 'Deadline' },
  state: { ar: 'الحالة', en: 'Status' },
  none: { ar: 'لا شيء.', en: 'None.' },
  signatures: { ar: 'التوقيعات', en: 'Signatures' },
  chair: { ar: 'رئيس الاجتماع', en: 'Chair' },
  rapporteur: { ar: 'المقرر', en: 'Rapporteur' },
  members: { ar: 'الأعضاء', en: 'Members' },
  signature: { ar: 'التوقيع', en: 'Signature' },
  page: { ar: 'صفحة', en: 'Page' },
  pageOf: { ar: 'من', en: 'of' },
} as const satisfies Record<string, Words>;

const A4 = { width: 11_906, height: 16_838, margin: 1_100 };
const TEXT_WIDTH = A4.width - 2 * A4.margin;
const COLOUR = { heading: '1F4E79' };
const NO_RULE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/** "the Executive Council…" in running English text, unless the name brings its own article. */
function withArticle(body: string, lang: DocLang): string {
  return lang === 'en' && !/^the\s/i.test(body) && /^\p{Script=Latin}/u.test(body) ? `the ${body}` : body;
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_all, key: string) => values[key] ?? '');

export const writeMinutesDocx: ExportWriter<MinutesExport> = async (input) => {
  const lang = input.options.language;
  return new Minutes(input, lang).write();
};

class Minutes {
  private readonly council: Council;
  private readonly fmt;
  private readonly followed: readonly FollowedDecision[];

  constructor(
    private readonly input: ExportInput<MinutesExport>,
    private readonly lang: DocLang,
  ) {
    this.council = councilOf(input);
    this.fmt = documentFormatters(input.settings, lang);
    this.followed = input.council?.followed ?? [];
  }

  async write(): Promise<Buffer> {
    const { progress } = this.input;
    const { council } = this;
    progress.setTotal(council.sittings.length + council.agenda.length + 2);
    const children: SectionChild[] = [...this.heading()];
    for (const sitting of council.sittings) {
      children.push(...this.sittingAttendance(sitting));
      progress.advance();
      await progress.checkpoint();
    }
    children.push(
      this.para(WORDS.agenda[this.lang], { bold: true, size: 14, color: COLOUR.heading, before: 14, keepNext: true }),
    );
    for (const [i, item] of council.agenda.entries()) {
      children.push(...this.item(item, i + 1));
      progress.advance();
    }
    if (council.agenda.length === 0) children.push(this.para(WORDS.none[this.lang]));
    children.push(...this.register());
    children.push(...this.signatures());
    progress.advance();
    const title = `${WORDS.minutes[this.lang]} — ${titleIn(this.input.forum, this.lang)}`;
    return packDocx({
      title,
      lang: this.lang,
      fonts: this.input.fonts,
      bodySize: 12,
      sections: [a4Section({ lang: this.lang, children, margin: A4.margin })],
    });
  }

  private heading(): Paragraph[] {
    const { forum } = this.input;
    const { lang, council } = this;
    const body = textIn(council.bodyAr, council.bodyEn, lang);
    const { venue: v } = forum;
    const venue = [
      textIn(v.hall, v.hallEn, lang),
      textIn(v.hotel, v.hotelEn, lang),
      textIn(v.city, v.cityEn, lang),
      textIn(v.country, v.countryEn, lang),
    ]
      .filter(Boolean)
      .join(lang === 'ar' ? '، ' : ', ');
    const out = [
      this.para(WORDS.minutes[lang], { bold: true, size: 20, color: COLOUR.heading, align: 'center', after: 6 }),
      this.para(body ? `${WORDS.of[lang]} ${withArticle(body, lang)}` : titleIn(forum, lang), {
        bold: true,
        size: 15,
        align: 'center',
        after: 2,
      }),
    ];
    // The edition is typed in Arabic («الدورة الـ55»); the English minutes say it from the session's number.
    const edition =
      lang === 'en' && council.sessionNumber !== null ? `${ordinal(council.sessionNumber)} session` : forum.edition;
    const subtitle = [edition, body ? titleIn(forum, lang) : ''].filter(Boolean).join(' — ');
    if (subtitle) out.push(this.para(subtitle, { size: 13, align: 'center', after: 8 }));
    const when = writtenDays(this.fmt, forum.firstDay, forum.lastDay, lang);
    const where = venue ? `${WORDS.heldAt[lang]} ${venue} ${WORDS.on[lang]} ${when}.` : `${when}.`;
    out.push(this.para(where, { align: 'both', after: 10 }));
    return out;
  }

  private sittingAttendance(sitting: Council['sittings'][number]): SectionChild[] {
    const { lang, council } = this;
    const directory = this.input.directory;
    const time = sitting.start === null ? '' : ` — ${this.fmt.clock(sitting.start)}`;
    const title = textIn(sitting.titleAr, sitting.titleEn, lang) || WORDS.sitting[lang];
    const heading = `${title}: ${writtenDay(this.fmt, sitting.day, lang, 'first')}${time}`;
    const rows = council.members.map((m, i) => {
      const taken = sitting.attendance.find((a) => a.memberId === m.id);
      const representative = personText(directory, m.representativeId, m.representativeName, lang);
      let status = taken ? attendanceName(taken.status, lang) : WORDS.notMarked[lang];
      if (taken?.status === 'represented') {
        status = `${WORDS.standingIn[lang]} ${personText(directory, taken.substituteId, taken.substituteName, lang)}`;
      }
      return [this.fmt.number(i + 1), memberName(m, lang), representative, status];
    });
    const q = quorumOf(council, sitting);
    const values = {
      counted: this.fmt.number(q.counted),
      members: this.fmt.number(council.members.length),
      needed: this.fmt.number(q.needed),
    };
    return [
      this.para(heading, { bold: true, size: 14, color: COLOUR.heading, before: 12, keepNext: true }),
      this.para(WORDS.attendance[lang], { bold: true, keepNext: true }),
      this.table(
        [WORDS.number[lang], WORDS.member[lang], WORDS.representative[lang], WORDS.status[lang]],
        rows,
        [0.07, 0.36, 0.33, 0.24],
      ),
      this.para(fill((q.reached ? WORDS.quorumReached : WORDS.quorumMissing)[lang], values), {
        bold: true,
        before: 6,
        color: q.reached ? undefined : 'C00000',
      }),
    ];
  }

  private item(item: Council['agenda'][number], n: number): Paragraph[] {
    const { lang } = this;
    const out = [
      this.para(`${WORDS.item[lang]} ${this.fmt.number(n)}: ${textIn(item.titleAr, item.titleEn, lang)}`, {
        bold: true,
        before: 8,
        keepNext: true,
      }),
    ];
    const line = (label: Words, text: string) => {
      if (text) out.push(this.para(`${label[lang]}: ${text}`, { after: 2 }));
    };
    line(WORDS.presenter, personText(this.input.directory, item.presenterId, item.presenterName, lang));
    line(WORDS.documents, item.documents.map((d) => d.name).join(lang === 'ar' ? '، ' : ', '));
    if (item.plannedMinutes !== null)
      line(WORDS.planned, `${this.fmt.number(item.plannedMinutes)} ${WORDS.minutesUnit[lang]}`);
    line(WORDS.discussion, textIn(item.discussionAr, item.discussionEn, lang));
    if (item.kind === 'follow_up' && item.followUp.length > 0) {
      out.push(this.para(`${WORDS.followed[lang]}:`, { after: 2 }));
      for (const ref of item.followUp) {
        const d = this.followed.find((f) => f.id === ref.decisionId && f.forumId === ref.forumId);
        if (d) out.push(this.para(`• ${this.decisionLine(d, d.sessionNumber)}`, { after: 2 }));
      }
    }
    line(WORDS.outcome, outcomeName(item.outcome, lang));
    for (const d of this.council.decisions.filter((x) => x.agendaItemId === item.id)) {
      out.push(this.para(`• ${this.decisionLine(d, this.council.sessionNumber)}`, { after: 2 }));
    }
    return out;
  }

  /** «القرار ٥٥/٣: النص — الجهة المسؤولة: … — الموعد النهائي: … — الحالة: …» */
  private decisionLine(d: Decision, sessionNumber: number | null): string {
    const { lang } = this;
    const parts = [
      `${decisionKindName(d.kind, lang)} ${printedNumber(sessionNumber, d.number)}: ${textIn(d.textAr, d.textEn, lang)}`,
    ];
    const responsible = textIn(d.responsibleAr, d.responsibleEn, lang);
    if (responsible) parts.push(`${WORDS.responsible[lang]}: ${responsible}`);
    if (d.deadline) parts.push(`${WORDS.deadline[lang]}: ${this.fmt.dayBoth(d.deadline)[0]}`);
    parts.push(`${WORDS.state[lang]}: ${decisionStatusName(d.status, lang)}`);
    return parts.join(' — ');
  }

  private register(): SectionChild[] {
    const { lang, council } = this;
    const out: SectionChild[] = [
      this.para(WORDS.decisions[lang], { bold: true, size: 14, color: COLOUR.heading, before: 14, keepNext: true }),
    ];
    if (council.decisions.length === 0) {
      out.push(this.para(WORDS.none[lang]));
      return out;
    }
    const rows = council.decisions.map((d) => [
      printedNumber(council.sessionNumber, d.number),
      `${decisionKindName(d.kind, lang)}: ${textIn(d.textAr, d.textEn, lang)}`,
      textIn(d.responsibleAr, d.responsibleEn, lang),
      d.deadline ? this.fmt.dayBoth(d.deadline)[0] : '',
      decisionStatusName(d.status, lang),
    ]);
    out.push(
      this.table(
        [WORDS.number[lang], WORDS.text[lang], WORDS.responsible[lang], WORDS.deadline[lang], WORDS.state[lang]],
        rows,
        [0.09, 0.43, 0.19, 0.17, 0.12],
      ),
    );
    return out;
  }

  /** The chair and the rapporteur side by side, then a line for each member's representative to sign. */
  private signatures(): SectionChild[] {
    const { lang, council } = this;
    const directory = this.input.directory;
    const signer = (label: Words, id: string | null) => [
      this.para(label[lang], { bold: true, align: 'center', after: 2 }),
      this.para(personText(directory, id, '', lang) || ' ', { align: 'center', after: 18 }),
      this.para(`${WORDS.signature[lang]}: ____________________`, { align: 'center', after: 0 }),
    ];
    const half = Math.round(TEXT_WIDTH / 2);
    const officers = new Table({
      rows: [
        new TableRow({
          cantSplit: true,
          children: [signer(WORDS.chair, council.chairId), signer(WORDS.rapporteur, council.rapporteurId)].map(
            (children) => new TableCell({ children, width: { size: half, type: WidthType.DXA } }),
          ),
        }),
      ],
      width: { size: half * 2, type: WidthType.DXA },
      columnWidths: [half, half],
      layout: TableLayoutType.FIXED,
      visuallyRightToLeft: lang === 'ar',
      borders: {
        top: NO_RULE,
        bottom: NO_RULE,
        left: NO_RULE,
        right: NO_RULE,
        insideHorizontal: NO_RULE,
        insideVertical: NO_RULE,
      },
    });
    const out: SectionChild[] = [
      this.para(WORDS.signatures[lang], { bold: true, size: 14, color: COLOUR.heading, before: 16, keepNext: true }),
      officers,
    ];
    if (council.members.length > 0) {
      out.push(this.para(WORDS.members[lang], { bold: true, before: 12, keepNext: true }));
      const rows = council.members.map((m) => [
        memberName(m, lang),
        personText(directory, m.representativeId, m.representativeName, lang),
        '',
      ]);
      out.push(
        this.table([WORDS.member[lang], WORDS.representative[lang], WORDS.signature[lang]], rows, [0.36, 0.36, 0.28], {
          rowHeight: 560,
        }),
      );
    }
    return out;
  }

  /** A ruled table (docx-kit) across the text's width. */
  private table(
    headers: readonly string[],
    rows: readonly (readonly string[])[],
    shares: readonly number[],
    options: { rowHeight?: number } = {},
  ): Table {
    const { lang, input } = this;
    return ruledTable({ headers, rows, shares, width: TEXT_WIDTH, lang, settings: input.settings, ...options });
  }

  private para(text: string, style: ParagraphStyle = {}): Paragraph {
    return docxParagraph(printable(text, this.lang, this.input.settings), this.lang, style);
  }
}
