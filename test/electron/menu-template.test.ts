import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDialogOptions, buildMenuTemplate } from '../../app/electron/menu-template.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menu(isDev: boolean, isMac = false) {
  const actions = { newRun: vi.fn(), about: vi.fn() };
  return { items: flatten(buildMenuTemplate({ appName: 'Limitlab', isDev, isMac, actions })), actions };
}

describe('buildMenuTemplate', () => {
  it('offers File > New Run and Quit, and Help > About', () => {
    const { items, actions } = menu(false);
    const newRun = items.find((i) => i.id === 'new-run');
    const about = items.find((i) => i.id === 'about');
    expect(newRun?.accelerator).toBe('CmdOrCtrl+N');
    expect(items.some((i) => i.role === 'quit')).toBe(true);
    (newRun?.click as () => void)();
    (about?.click as () => void)();
    expect(actions.newRun).toHaveBeenCalledTimes(1);
    expect(actions.about).toHaveBeenCalledTimes(1);
  });

  it('has no reload or DevTools in a packaged build', () => {
    const roles = menu(false).items.map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
  });

  it('adds reload and DevTools in development', () => {
    const roles = menu(true).items.map((i) => i.role);
    expect(roles).toContain('toggleDevTools');
    expect(roles).toContain('reload');
  });

  it('puts Quit in the application menu on macOS', () => {
    const template = buildMenuTemplate({ appName: 'Limitlab', isDev: false, isMac: true, actions: { newRun() {}, about() {} } });
    expect(template[0]?.label).toBe('Limitlab');
    expect(flatten([template[0]!]).some((i) => i.role === 'quit')).toBe(true);
  });
});

describe('aboutDialogOptions', () => {
  it('names the app, its version, the library file and the runtime versions', () => {
    const options = aboutDialogOptions({
      appName: 'Limitlab',
      appVersion: '0.1.0',
      versions: { electron: '45.5.0', chrome: '142.0', node: '22.20.0' },
      dbPath: '/home/u/.config/Limitlab/limitlab.sqlite',
    });
    expect(options.message).toBe('Limitlab 0.1.0');
    expect(options.detail).toContain('/home/u/.config/Limitlab/limitlab.sqlite');
    expect(options.detail).toContain('Electron 45.5.0');
  });
});
