export declare const ELECTRON_UNAVAILABLE_LINE: string;
export declare const BUILD_OUTPUTS: string[];
export declare const BUILD_INPUTS: string[];
export declare const NATIVE_DIR: string;
export declare const BINDING_FILE: string;
export declare const STAMP_FILE: string;

/** The file-system calls the helpers make (node:fs by default). */
export interface FsLike {
  statSync(p: string): { isDirectory(): boolean; mtimeMs: number };
  readdirSync(p: string): string[];
  readFileSync(p: string, encoding: 'utf8'): string;
  existsSync(p: string): boolean;
}

export declare function newestMtime(root: string, entries: readonly string[], fs?: FsLike): number;
export declare function buildStatus(root: string, fs?: FsLike): { needed: boolean; reason: string };

export interface ElectronLocation {
  executable: string | null;
  version: string | null;
  reason: string;
}
export declare function locateElectron(input: {
  electronDir: string;
  env?: Record<string, string | undefined>;
  fs?: FsLike;
}): ElectronLocation;

export interface BindingTarget {
  electron: string;
  abi: string | null;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export declare function bindingTarget(input: {
  electronDir: string;
  betterSqliteDir: string;
  platform?: string;
  arch?: string;
  fs?: FsLike;
}): BindingTarget;
export declare function bindingStatus(input: { nativeDir: string; target: BindingTarget; fs?: FsLike }): {
  current: boolean;
  reason: string;
};

export type LaunchDecision = { mode: 'electron'; executable: string } | { mode: 'browser'; line: string };
export declare function decideLaunch(input: {
  forceBrowser?: boolean;
  electronExecutable?: string | null;
  bindingError?: string | null;
}): LaunchDecision;

export declare function electronEnv(env?: Record<string, string | undefined>): Record<string, string | undefined>;
