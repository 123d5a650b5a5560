/**
 * A record's words on screen, in the app's language, falling back to the
 * other language when it has none in this one (screens show what there is;
 * documents mark a missing English instead, see core/export/document-words).
 */
export function titleOf(record: { titleAr: string; titleEn: string }, lang: 'ar' | 'en'): string {
  return lang === 'ar' ? record.titleAr || record.titleEn : record.titleEn || record.titleAr;
}

export function nameOf(record: { nameAr: string; nameEn: string }, lang: 'ar' | 'en'): string {
  return lang === 'ar' ? record.nameAr || record.nameEn : record.nameEn || record.nameAr;
}
