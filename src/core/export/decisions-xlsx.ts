/**
 * The follow-up report of decisions and recommendations (تقرير متابعة تنفيذ
 * القرارات), Excel, right to left in Arabic: a summary of how many each body
 * responsible has in each status, then every decision in one sheet (by body,
 * then status, then number), then one sheet per body for sending to it. The
 * session's own register and the earlier decisions it follows up are listed
 * together, each numbered as taken («54/2», «55/3»).
 */
import { DECISION_STATUSES, type Decision, type DecisionStatus } from '../../shared/domain/council';
import type { DecisionsExport } from '../../shared/domain/export';
import { councilOf, decisionKindName, decisionStatusName } from './council-words';
import { documentFormatters, textIn, titleIn, type Words } from './document-words';
import type { ExportWriter } from './export-input';
import { type Line, localDateTime, type TableColumn, XlsxBook } from './xlsx-kit';

const WORDS = {
  summary: { ar: 'ملخص المتابعة', en: 'Follow-up summary' },
  all: { ar: 'كل القرارات', en: 'All decisions' },
  sheet: { ar: 'جهة', en: 'Body' },
  report: { ar: 'تقرير متابعة تنفيذ القرارات والتوصيات', en: 'Follow-up of decisions and recommendations' },
  responsible: { ar: 'الجهة المسؤولة', en: 'Responsible' },
  noBody: { ar: 'دون جهة محددة', en: 'No body named' },
  number: { ar: 'الرقم', en: 'No.' },
  kind: { ar: 'النوع', en: 'Kind' },
  text: { ar: 'النص', en: 'Text' },
  deadline: { ar: 'الموعد النهائي', en: 'Deadline' },
  status: { ar: 'الحالة', en: 'Status' },
  overdue: { ar: 'متأخر', en: 'Overdue' },
  notes: { ar: 'ملاحظات المتابعة', en: 'Follow-up notes' },
  total: { ar: 'المجموع', en: 'Total' },
} as const satisfies Record<string, Words>;

interface Listed {
  decision: Decision;
  sessionNumber: number | null;
  body: string;
}

export const writeDecisionsXlsx: ExportWriter<DecisionsExport> = async (input) => {
  const { options, progress } = input;
  const lang = options.language;
  const council = councilOf(input);
  const fmt = documentFormatters(input.settings, lang);
  const wanted = new Set<DecisionStatus>(options.statuses);
  const today = localDateTime(input.now).slice(0, 10);
  const own: Listed[] = council.decisions.map((decision) => ({
    decision,
    sessionNumber: council.sessionNumber,
    body: textIn(decision.responsibleAr, decision.responsibleEn, lang),
  }));
  const carried: Listed[] = (input.council?.followed ?? []).map((decision) => ({
    decision,
    sessionNumber: decision.sessionNumber,
    body: textIn(decision.responsibleAr, decision.responsibleEn, lang),
  }));
  const collator = new Intl.Collator(lang);
  const statusOrder = new Map(DECISION_STATUSES.map((s, i) => [s, i]));
  const listed = [...carried, ...own]
    .filter((l) => wanted.has(l.decision.status))
    .sort(
      (a, b) =>
        collator.compare(a.body || '\uffff', b.body || '\uffff') ||
        (statusOrder.get(a.decision.status) ?? 0) - (statusOrder.get(b.decision.status) ?? 0) ||
        (a.sessionNumber ?? 0) - (b.sessionNumber ?? 0) ||
        a.decision.number - b.decision.number,
    );
  const bodies = [...new Set(listed.map((l) => l.body))];
  progress.setTotal(listed.length * 2 + bodies.length + 4);

  const book = new XlsxBook({
    lang,
    title: titleIn(input.forum, lang),
    madeAt: localDateTime(input.now),
    fallbackName: WORDS.sheet[lang],
    progress,
  });

  const statuses = DECISION_STATUSES.filter((s) => wanted.has(s));
  const summary: Line[] = [
    { values: [titleIn(input.forum, lang)], emphasis: 'title' },
    { values: [WORDS.report[lang]], emphasis: 'title' },
    {
      values: [WORDS.responsible[lang], ...statuses.map((s) => decisionStatusName(s, lang)), WORDS.total[lang]],
      emphasis: 'heading',
    },
    ...bodies.map((body) => {
      const of = listed.filter((l) => l.body === body);
      return { values: [body || WORDS.noBody[lang], ...statuses.map((s) => count(of, s)), of.length] };
    }),
    {
      values: [WORDS.total[lang], ...statuses.map((s) => count(listed, s)), listed.length],
      emphasis: 'heading',
    },
  ];
  await book.lines(WORDS.summary[lang], ['text', ...statuses.map(() => 'number' as const), 'number'], summary);

  const columns: TableColumn[] = [
    { header: WORDS.number[lang], kind: 'ltr' },
    { header: WORDS.kind[lang], kind: 'text' },
    { header: WORDS.text[lang], kind: 'text' },
    { header: WORDS.responsible[lang], kind: 'text' },
    { header: WORDS.deadline[lang], kind: 'text' },
    { header: WORDS.status[lang], kind: 'text' },
    { header: WORDS.notes[lang], kind: 'text' },
  ];
  const row = ({ decision: d, sessionNumber, body }: Listed) => {
    const late = d.deadline !== null && d.deadline < today && (d.status === 'open' || d.status === 'in_progress');
    return [
      sessionNumber === null ? String(d.number) : `${sessionNumber}/${d.number}`,
      decisionKindName(d.kind, lang),
      textIn(d.textAr, d.textEn, lang),
      body || WORDS.noBody[lang],
      d.deadline ? fmt.dayBoth(d.deadline)[0] : '',
      late ? `${decisionStatusName(d.status, lang)} (${WORDS.overdue[lang]})` : decisionStatusName(d.status, lang),
      d.followUpNotes,
    ];
  };
  const table = (rows: readonly Listed[]) => ({ count: rows.length, row: (i: number) => row(rows[i] as Listed) });
  await book.table({ name: WORDS.all[lang], heading: WORDS.report[lang], columns, tabColour: '1F4E79' }, table(listed));
  for (const body of bodies) {
    const name = body || WORDS.noBody[lang];
    await book.table(
      { name, heading: `${WORDS.report[lang]} — ${name}`, columns },
      table(listed.filter((l) => l.body === body)),
    );
  }
  return book.finish();
};

function count(list: readonly Listed[], status: DecisionStatus): number {
  return list.filter((l) => l.decision.status === status).length;
}
