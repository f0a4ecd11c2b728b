import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, guardWebContents, isAppUrl, type GuardableContents } from '../../app/electron/web-contents-guards.js';

function fakeContents() {
  const hooks: {
    open?: (d: { url: string }) => { action: 'deny' };
    navigate?: (e: { preventDefault(): void }, url: string) => void;
    redirect?: (e: { preventDefault(): void }, url: string) => void;
    webview?: (e: { preventDefault(): void }) => void;
  } = {};
  const contents: GuardableContents = {
    setWindowOpenHandler: (h) => (hooks.open = h),
    onWillNavigate: (l) => (hooks.navigate = l),
    onWillRedirect: (l) => (hooks.redirect = l),
    onWillAttachWebview: (l) => (hooks.webview = l),
  };
  guardWebContents(contents);
  return hooks;
}

const event = () => ({ preventDefault: vi.fn() });

describe('guardWebContents', () => {
  it('denies every window.open', () => {
    const hooks = fakeContents();
    expect(hooks.open?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(hooks.open?.({ url: 'app://limitlab/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from app://limitlab/', () => {
    const hooks = fakeContents();
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://limitlab.evil/', 'app://other/', 'javascript:alert(1)']) {
      const e1 = event();
      hooks.navigate?.(e1, url);
      expect(e1.preventDefault, url).toHaveBeenCalled();
      const e2 = event();
      hooks.redirect?.(e2, url);
      expect(e2.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('lets the app navigate within its own pages', () => {
    const hooks = fakeContents();
    const e = event();
    hooks.navigate?.(e, 'app://limitlab/index.html?run=abc');
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents attaching a <webview>', () => {
    const hooks = fakeContents();
    const e = event();
    hooks.webview?.(e);
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://limitlab/')).toBe(true);
    expect(isAppUrl('app://limitlab/x/y.html#z')).toBe(true);
    expect(isAppUrl('app://limitlab')).toBe(false);
    expect(isAppUrl('app://limitlab.example/')).toBe(false);
    expect(isAppUrl('APP://LIMITLAB.evil/')).toBe(false);
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let request: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission)).toBe(false);
    }
  });
});
