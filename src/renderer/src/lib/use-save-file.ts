import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';
import { isolateFileName } from '../components/FileName';
import { isDesktop } from './api';
import { saveBase64File } from './file-bytes';

/**
 * Saves bytes as a file and says where it went: in browser mode the browser
 * puts it in its downloads folder without a word, so the app says so; the
 * desktop app asks where to keep it, in a save window.
 */
export function useSaveFile(): (fileName: string, base64: string) => void {
  const { t } = useTranslation();
  const { notify, settings } = useApp();
  return (fileName, base64) => {
    saveBase64File(fileName, base64);
    notify({
      message: t(isDesktop ? 'files.saveWhere' : 'files.downloaded', {
        name: isolateFileName(fileName, settings.language),
      }),
    });
  };
}
