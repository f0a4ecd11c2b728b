/**
 * The application menu and the About box, as data. File: New run, Quit; View: reload and
 * DevTools in development builds only; Help: About.
 */
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';

export interface MenuActions {
  newRun(): void;
  about(): void;
}

export interface MenuInput {
  appName: string;
  isDev: boolean;
  isMac: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { appName, isDev, isMac, actions } = input;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { label: `About ${appName}`, click: () => actions.about() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      { id: 'new-run', label: 'New Run', accelerator: 'CmdOrCtrl+N', click: () => actions.newRun() },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: '&View',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'help',
    label: '&Help',
    submenu: [{ id: 'about', label: `About ${appName}`, click: () => actions.about() }],
  });
  return template;
}

export interface AboutInfo {
  appName: string;
  appVersion: string;
  versions: { electron?: string; chrome?: string; node?: string };
  dbPath: string;
}

export function aboutDialogOptions(info: AboutInfo): MessageBoxOptions {
  const { electron, chrome, node } = info.versions;
  return {
    type: 'info',
    title: `About ${info.appName}`,
    message: `${info.appName} ${info.appVersion}`,
    detail: [
      'A workbench for the exact limiting theory of high-dimensional learning, beside finite-size simulation.',
      '',
      `Library: ${info.dbPath}`,
      `Electron ${electron ?? '?'} · Chromium ${chrome ?? '?'} · Node ${node ?? '?'}`,
    ].join('\n'),
    buttons: ['OK'],
    noLink: true,
  };
}
