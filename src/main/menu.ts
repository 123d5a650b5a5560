import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default one carries "Toggle Developer
 * Tools" (Ctrl+Shift+I) and "Reload"; an installed app gets neither: DevTools
 * would hand the page's whole API to anyone at the keyboard, and a reload
 * drops what a form held. Editing (copy, paste, undo in a text field), zoom
 * and full screen stay, so the keyboard shortcuts people expect still work.
 */
export function menuTemplate(isPackaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const developing: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'عرض / View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developing,
      ],
    },
    { role: 'windowMenu' },
  ];
}
