/**
 * Electron main process: windows, menu, the app:// scheme, IPC routing and the engine utility
 * process. Kept thin; the logic lives in the Electron-free modules it wires together.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, createAppProtocolHandler } from './app-protocol.js';
import { IPC_EVENT_CHANNEL } from './bridge-channels.js';
import { EngineHost, type EngineChild } from './engine-host.js';
import { encodeEngineOptions } from './engine-protocol.js';
import { ExternalLinks } from './external-links.js';
import { EventForwarder, IpcRouter } from './ipc-router.js';
import { aboutDialogOptions, buildMenuTemplate } from './menu-template.js';
import { createSenderPolicy } from './sender-policy.js';
import { resolveShellPaths, type ShellPaths } from './shell-paths.js';
import { denyAllPermissions, guardWebContents } from './web-contents-guards.js';
import { createWindowOptions } from './window-options.js';
import { parseWindowState, serializeWindowState, WINDOW_STATE_FILE } from './window-state.js';

const APP_NAME = 'Limitlab';
const isDev = !app.isPackaged;
const log = (message: string): void => console.error(`[limitlab] ${message}`);

// Must happen before `ready`: the scheme is standard and secure, so the renderer gets a real origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

// One library location for development and packaged runs (the package name is lower-case).
app.setName(APP_NAME);
app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function spawnEngine(paths: ShellPaths): EngineChild {
  const options = encodeEngineOptions({
    dbPath: paths.dbPath,
    workerPath: paths.workerPath,
    ...(paths.sqliteBinding ? { sqliteBinding: paths.sqliteBinding } : {}),
  });
  const child = utilityProcess.fork(paths.engineEntry, [options], { serviceName: 'Limitlab engine', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

function guard(contents: WebContents): void {
  guardWebContents(
    {
      setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(handler),
      onWillNavigate: (listener) => void contents.on('will-navigate', (event) => listener(event, event.url)),
      onWillRedirect: (listener) => void contents.on('will-redirect', (event) => listener(event, event.url)),
      onWillAttachWebview: (listener) => void contents.on('will-attach-webview', (event) => listener(event)),
    },
    log,
  );
}

function run(): void {
  const paths = resolveShellPaths({
    electronDir: __dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    userDataDir: app.getPath('userData'),
    env: process.env,
    cwd: process.cwd(),
    exists: existsSync,
  });
  if (!paths.sqliteBinding) log('no SQLite binding built for Electron was found; run `npm run rebuild:electron`');

  /** Our windows, by webContents id (captured at creation: a destroyed window's webContents is gone). */
  const windows = new Map<number, BrowserWindow>();
  const liveContents = (): WebContents[] => [...windows.values()].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
  const forwarder = new EventForwarder(liveContents);

  let failureShown = false;
  const engine = new EngineHost({
    spawn: () => spawnEngine(paths),
    onEvent: (event, payload) => void forwarder.forward(event, payload),
    onStatus: (status) => {
      forwarder.forward('engine:status', status);
      if (status.state === 'failed' && !failureShown) {
        failureShown = true;
        const hint = paths.sqliteBinding ? '' : '\n\nNo SQLite binding built for Electron was found; run `npm run rebuild:electron`.';
        dialog.showErrorBox('Limitlab engine stopped', `${status.message ?? 'The engine stopped and was not restarted.'}${hint}`);
      }
      if (status.state === 'ready') failureShown = false;
    },
    log,
  });

  const isTrustedSender = createSenderPolicy({ trustedWebContentsIds: () => windows.keys() });
  const router = new IpcRouter({ ipcMain, engine, isTrustedSender, log });
  const links = new ExternalLinks({ ipcMain, isTrustedSender, openExternal: (url) => shell.openExternal(url), log });

  const focusedOrFirst = (): BrowserWindow | undefined =>
    BrowserWindow.getFocusedWindow() ?? [...windows.values()].find((w) => !w.isDestroyed());

  const showAbout = (): void => {
    const options = aboutDialogOptions({
      appName: APP_NAME,
      appVersion: app.getVersion(),
      versions: process.versions,
      dbPath: paths.dbPath,
    });
    const parent = focusedOrFirst();
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  };

  const createWindow = (): BrowserWindow => {
    const statePath = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
    const saved = parseWindowState(existsSync(statePath) ? readFileSync(statePath, 'utf8') : null);
    const win = new BrowserWindow({ ...createWindowOptions({ preloadPath: paths.preload, isDev }), ...(saved ? { width: saved.width, height: saved.height, ...(saved.x !== undefined ? { x: saved.x, y: saved.y } : {}) } : {}) });
    if (saved?.maximized) win.maximize();
    win.on('close', () => {
      try {
        writeFileSync(statePath, serializeWindowState(win.getNormalBounds(), win.isMaximized()));
      } catch (error) {
        log(`could not remember the window size: ${String(error)}`);
      }
    });
    const id = win.webContents.id;
    windows.set(id, win);
    win.on('closed', () => windows.delete(id));
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-finish-load', () => {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event: 'engine:status', payload: engine.status });
    });
    void win.loadURL(APP_URL);
    return win;
  };

  app.on('web-contents-created', (_event, contents) => guard(contents));

  app.on('second-instance', () => {
    const win = focusedOrFirst();
    if (!win) {
      if (app.isReady()) createWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && windows.size === 0) createWindow();
  });

  let quitState: 'running' | 'stopping' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    router.dispose();
    links.dispose();
    void engine.stop().finally(() => {
      quitState = 'done';
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: paths.rendererRoot, readFile, log }));
    denyAllPermissions(session.defaultSession);
    router.register();
    links.register();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          appName: APP_NAME,
          isDev,
          isMac: process.platform === 'darwin',
          actions: {
            newRun: () => {
              const win = focusedOrFirst();
              if (win) win.webContents.send(IPC_EVENT_CHANNEL, { event: 'menu:new-run', payload: {} });
            },
            about: showAbout,
          },
        }),
      ),
    );
    engine.start();
    createWindow();
  });
}
