/**
 * Paper links from the renderer reach `shell.openExternal` only from our own window, only as
 * https links to arxiv.org or doi.org; everything else is refused without opening anything.
 */
import { describe, expect, it, vi } from 'vitest';
import { ExternalLinks, externalUrlSchema, OPEN_EXTERNAL_CHANNEL } from '../../app/electron/external-links.js';
import { createSenderPolicy } from '../../app/electron/sender-policy.js';
import { FakeIpcMain, OUR_CONTENTS_ID, senderEvent } from './fakes.js';

function setup(openExternal = vi.fn(async (_url: string) => {})) {
  const ipcMain = new FakeIpcMain();
  const links = new ExternalLinks({ ipcMain, openExternal, isTrustedSender: createSenderPolicy({ trustedWebContentsIds: () => [OUR_CONTENTS_ID] }) });
  links.register();
  return { ipcMain, links, openExternal };
}

describe('opening paper links', () => {
  it('opens an arXiv or DOI link from our window in the system browser', async () => {
    const { ipcMain, openExternal } = setup();
    for (const url of ['https://arxiv.org/abs/2308.08977', 'https://doi.org/10.1103/PhysRevE.52.4225']) {
      expect(await ipcMain.invoke(OPEN_EXTERNAL_CHANNEL, senderEvent(), url)).toEqual({ ok: true, result: { opened: url } });
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://arxiv.org/abs/2308.08977', 'https://doi.org/10.1103/PhysRevE.52.4225']);
  });

  it.each([
    ['http://arxiv.org/abs/1', /only https/],
    ['https://arxiv.org.evil.example/abs/1', /only arxiv.org and doi.org links are opened, not arxiv.org.evil.example/],
    ['https://evil.example/?u=https://arxiv.org/', /not evil.example/],
    ['https://export.arxiv.org/abs/1', /not export.arxiv.org/],
    ['https://arxiv.org:8443/abs/1', /not arxiv.org:8443/],
    ['https://user:pw@arxiv.org/abs/1', /user name or password/],
    ['file:///etc/passwd', /file: links are not opened/],
    ['javascript:alert(1)', /javascript: links are not opened/],
    ['not a url', /not a URL/],
    [`https://arxiv.org/abs/${'1'.repeat(3000)}`, /at most 2048 characters/],
  ])('refuses %s without opening anything', async (url, message) => {
    const { ipcMain, openExternal } = setup();
    const envelope = await ipcMain.invoke(OPEN_EXTERNAL_CHANNEL, senderEvent(), url);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses arguments that are not exactly one string', async () => {
    const { ipcMain, openExternal } = setup();
    for (const args of [[], [42], [{ toString: () => 'https://arxiv.org/' }], ['https://arxiv.org/abs/1', 'extra']]) {
      expect(await ipcMain.invoke(OPEN_EXTERNAL_CHANNEL, senderEvent(), ...args)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses a request from another window, a subframe, a foreign page or a destroyed frame', async () => {
    const { ipcMain, openExternal } = setup();
    const url = 'https://arxiv.org/abs/2308.08977';
    for (const event of [
      senderEvent({ id: OUR_CONTENTS_ID + 1 }),
      senderEvent({ parent: {} }),
      senderEvent({ url: 'https://evil.example/' }),
      senderEvent({ frame: null }),
    ]) {
      expect(await ipcMain.invoke(OPEN_EXTERNAL_CHANNEL, event, url)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not come from a Limitlab window/) } });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('reports a browser that fails to open as an error envelope, never a rejected invoke', async () => {
    const { ipcMain } = setup(vi.fn(async () => Promise.reject(new Error('no browser'))));
    expect(await ipcMain.invoke(OPEN_EXTERNAL_CHANNEL, senderEvent(), 'https://arxiv.org/abs/1')).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('no browser') },
    });
  });

  it('registers one handler and removes it on dispose', () => {
    const { ipcMain, links } = setup();
    links.register();
    expect([...ipcMain.handlers.keys()]).toEqual([OPEN_EXTERNAL_CHANNEL]);
    links.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('normalises the URL it opens', () => {
    expect(externalUrlSchema.parse('https://ARXIV.org/abs/1')).toBe('https://arxiv.org/abs/1');
  });
});
