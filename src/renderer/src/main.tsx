import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-sans-arabic/700.css';
import './app/styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, StartupError } from './app/App';
import { AppProvider } from './app/app-context';
import { DataProvider } from './app/data-context';
import { FormGuardProvider } from './components/form-dialog';
import { initI18n } from './i18n';
import { ApiError, api } from './lib/api';
import { newQueryClient } from './lib/queries';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const [settings, info, problems] = await Promise.all([
      api['settings.get'](),
      api['app.info'](),
      api['app.storeProblems'](),
    ]);
    await initI18n(settings.language);
    root.render(
      <StrictMode>
        <QueryClientProvider client={newQueryClient(api)}>
          <AppProvider initialSettings={settings} info={info}>
            <DataProvider initialProblems={problems}>
              <FormGuardProvider>
                <App />
              </FormGuardProvider>
            </DataProvider>
          </AppProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
  } catch (error) {
    // Refused for want of the secret, the page's own words say it all; anything else (no server) is told as it came.
    const refused = error instanceof ApiError && error.code === 'forbidden';
    root.render(<StartupError detail={refused ? '' : (error as Error).message} />);
  }
}

void boot();
