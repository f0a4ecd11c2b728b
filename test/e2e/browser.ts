/**
 * The Chromium the end-to-end tests drive: Debian's `/usr/bin/chromium` when it is installed,
 * otherwise the build inside the npm package `@sparticuz/chromium` (a devDependency; its binary is
 * unpacked from the package into the temporary folder, nothing is downloaded). With neither, the
 * launch fails and says why.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for either build: no sandbox (containers, root), no background traffic. */
const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * Flags of `@sparticuz/chromium` left out, by name: they turn off web security or site isolation,
 * or turn on features a user's browser lacks (the tests must see the page as users do); force one
 * process (needed only on AWS Lambda); or choose the headless mode (playwright-core does that) and
 * GPU emulation (`--disable-gpu` above).
 */
const LEFT_OUT = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--disable-features',
  '--enable-features',
  '--single-process',
  '--headless',
  '--use-gl',
  '--use-angle',
  '--enable-unsafe-swiftshader',
  '--in-process-gpu',
  '--ignore-gpu-blocklist',
]);

export interface ChromiumBuild {
  /** Where it comes from, for messages. */
  source: 'debian' | '@sparticuz/chromium';
  executablePath: string;
  args: string[];
}

/** The arguments kept from `@sparticuz/chromium`'s list, with the common ones added. */
export function packagedChromiumArgs(packageArgs: readonly string[]): string[] {
  const kept = packageArgs.filter((arg) => !LEFT_OUT.has(arg.split('=')[0]!));
  return [...new Set([...COMMON_ARGS, ...kept])];
}

/** Debian's Chromium if `debianPath` exists, else the packaged one; throws with both reasons. */
export async function findChromium(debianPath = DEBIAN_CHROMIUM): Promise<ChromiumBuild> {
  if (existsSync(debianPath)) return { source: 'debian', executablePath: debianPath, args: COMMON_ARGS };
  let packaged: { executablePath(): Promise<string>; args: string[] };
  try {
    packaged = (await import('@sparticuz/chromium')).default;
  } catch (error) {
    throw new Error(
      `No Chromium for the end-to-end tests: ${debianPath} is not installed and the devDependency @sparticuz/chromium cannot be loaded (${(error as Error).message}); run npm install`,
    );
  }
  let executablePath: string;
  try {
    executablePath = await packaged.executablePath();
  } catch (error) {
    throw new Error(`No Chromium for the end-to-end tests: ${debianPath} is not installed and @sparticuz/chromium could not unpack its binary (${(error as Error).message})`);
  }
  return { source: '@sparticuz/chromium', executablePath, args: packagedChromiumArgs(packaged.args) };
}

/** Launches the Chromium of {@link findChromium} headless under playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const build = await findChromium();
  try {
    return await chromium.launch({ executablePath: build.executablePath, args: build.args });
  } catch (error) {
    const hint = build.source === 'debian' ? '' : ` (unpacked by @sparticuz/chromium; delete ${build.executablePath} to unpack it again)`;
    throw new Error(`Chromium at ${build.executablePath}${hint} did not start: ${(error as Error).message}`);
  }
}
