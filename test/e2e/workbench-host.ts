/**
 * The setting every end-to-end file starts from: the browser host on 127.0.0.1 serving a real
 * engine, and one Chromium page on it that reports page errors. `closeWorkbench` undoes it in the
 * reverse order, and tolerates a setup that failed half way.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Engine } from '../../app/engine/index.js';
import { startHost, type Host } from '../../app/host/server.js';
import { launchChromium } from './browser.js';

export interface Workbench {
  host: Host;
  browser: Browser;
  page: Page;
}

/** Start the host on `engine`, open a page with `options` and, unless `navigate` is false, load the app. */
export async function openWorkbench(engine: Engine, options: BrowserContextOptions, navigate = true): Promise<Workbench> {
  const host = await startHost({ engine, port: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage(options);
  page.on('pageerror', (error) => console.error('page error:', error.message));
  if (navigate) await page.goto(host.url);
  return { host, browser, page };
}

export async function closeWorkbench(parts: { browser?: Browser; host?: Host; engine?: Engine }): Promise<void> {
  await parts.browser?.close();
  await parts.host?.close();
  await parts.engine?.close();
}
