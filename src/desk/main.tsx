import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskApp } from './DeskApp';
import { initDeskI18n } from './desk-i18n';

async function boot(): Promise<void> {
  await initDeskI18n();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <DeskApp />
    </StrictMode>,
  );
}

void boot();
