import { LRI, PDI, RLI } from '../../../shared/text/arabic';
import { useApp } from '../app/app-context';

/** The same inside a sentence (a toast): the name isolated in the UI's direction. */
export function isolateFileName(name: string, lang: 'ar' | 'en'): string {
  return (lang === 'ar' ? RLI : LRI) + name + PDI;
}

/**
 * A file's name, isolated and read in the UI's direction: in English
 * «بطاقات التعريف.docx» ends on its extension at the right, as the file
 * manager shows it, rather than the «docx.بطاقات التعريف» its Arabic start
 * would give it; in Arabic it reads from the right, its extension last.
 */
export function FileName(props: { name: string }) {
  const { settings } = useApp();
  return (
    <bdi className="file-name" dir={settings.language === 'ar' ? 'rtl' : 'ltr'}>
      {props.name}
    </bdi>
  );
}
