import { useTranslation } from 'react-i18next';
import { todayIso } from '../../../../shared/calendar/hijri';
import { DOCUMENT_FONTS, EMBEDDED_FONTS, type Settings } from '../../../../shared/domain/settings';
import { useApp } from '../../app/app-context';
import { RadioChoice } from '../../components/RadioChoice';
import { describeError } from '../../lib/errors';
import { BackupsFolderSetting } from './BackupsFolderSetting';

type Choice<K extends keyof Settings> = { key: K; label: string; options: { value: Settings[K]; label: string }[] };

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, info, fmt, updateSettings, notify } = useApp();

  const choose = async <K extends keyof Settings>(key: K, value: Settings[K]) => {
    try {
      await updateSettings({ [key]: value });
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    }
  };

  const choices = [
    {
      key: 'language',
      label: t('settings.language'),
      options: [
        { value: 'ar', label: 'العربية' },
        { value: 'en', label: 'English' },
      ],
    },
    {
      key: 'digits',
      label: t('settings.digits'),
      options: [
        { value: 'latn', label: t('settings.digitsLatn') },
        { value: 'arab', label: t('settings.digitsArab') },
      ],
    },
    {
      key: 'primaryCalendar',
      label: t('settings.primaryCalendar'),
      options: [
        { value: 'hijri', label: t('date.hijri') },
        { value: 'gregorian', label: t('date.gregorian') },
      ],
    },
    {
      key: 'gregorianMonthNames',
      label: t('settings.monthNames'),
      options: [
        { value: 'gulf', label: t('settings.monthGulf') },
        { value: 'levant', label: t('settings.monthLevant') },
      ],
    },
    {
      key: 'clock',
      label: t('settings.clock'),
      options: [
        { value: '24h', label: t('settings.clock24') },
        { value: '12h', label: t('settings.clock12') },
      ],
    },
    {
      key: 'documentFont',
      label: t('settings.documentFont'),
      options: DOCUMENT_FONTS.map((font) => ({
        value: font,
        label: EMBEDDED_FONTS.has(font) ? t('settings.fontEmbedded', { font }) : t('settings.fontOfWord', { font }),
      })),
    },
  ] as const satisfies readonly Choice<keyof Settings>[];

  const [first, second] = fmt.dayBoth(todayIso());
  return (
    <main className="page settings">
      <div className="page-head">
        <h1>{t('settings.title')}</h1>
      </div>
      {choices.map((choice) => (
        <RadioChoice<string>
          key={choice.key}
          name={choice.key}
          testId={`setting-${choice.key}`}
          legend={choice.label}
          values={choice.options.map((option) => option.value)}
          value={settings[choice.key]}
          label={(value) => choice.options.find((option) => option.value === value)?.label ?? value}
          onChange={(value) => void choose(choice.key, value as Settings[typeof choice.key])}
        />
      ))}
      <p className="muted">
        {t('settings.preview')}: {first} — {second} — {fmt.clock(14 * 60 + 30)} — {fmt.number(1234567)}
      </p>
      <section className="folders">
        <h2>{t('settings.dataFolder')}</h2>
        <p>
          <bdi dir="ltr" className="path" data-testid="data-folder">
            {info.dataDir}
          </bdi>
        </p>
        <p className="muted">{t('settings.dataFolderHint')}</p>
        <BackupsFolderSetting />
        <h2>{t('settings.exportsFolder')}</h2>
        <p>
          <bdi dir="ltr" className="path" data-testid="exports-folder">
            {info.exportsDir}
          </bdi>
        </p>
        <p className="muted">
          {t('settings.version')}: <bdi>{info.version}</bdi>
        </p>
      </section>
    </main>
  );
}
