import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../app/electron/window-options.js';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', isDev: false });
  const web = options.webPreferences ?? {};

  it('isolates the renderer: context isolation and sandbox on, no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and disables webview, insecure content and experimental features', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and allows DevTools only in development', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web.devTools).toBe(false);
    expect(createWindowOptions({ preloadPath: '/p.cjs', isDev: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until the first paint', () => {
    expect(options.show).toBe(false);
  });
});
