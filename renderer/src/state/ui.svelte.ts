/**
 * Page-wide UI state: the figure-export dialog, the confirmation dialog, toasts (with an Undo
 * action), the shortcuts list, and the chart that the `e` shortcut exports.
 */
import type { FigureRequest } from '../../../app/api.js';

export interface ExportTarget {
  figure: FigureRequest['figure'];
  /** Shown in the dialog's heading, e.g. "risk of run ..." */
  label: string;
  logX?: boolean;
  logY?: boolean;
  replicas?: 'lines' | 'band';
  title?: string;
  /** Default size when the figure has several panels. */
  widthMm?: number;
  heightMm?: number;
  /** Axis limits the chart was zoomed to. */
  xlim?: [number, number];
  ylim?: [number, number];
  /** Heatmaps: a log colour scale. */
  logZ?: boolean;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  resolve: (ok: boolean) => void;
}

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

let nextToast = 1;

export class UiState {
  exportTarget = $state<ExportTarget | null>(null);
  /** The chart the `e` shortcut exports: set by the view in sight. */
  primaryExport = $state<ExportTarget | null>(null);
  confirmRequest = $state<ConfirmRequest | null>(null);
  toasts = $state<Toast[]>([]);
  shortcutsOpen = $state(false);

  openExport(target: ExportTarget): void {
    this.exportTarget = target;
  }

  confirm(options: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
    this.confirmRequest?.resolve(false);
    return new Promise((resolve) => {
      this.confirmRequest = {
        ...options,
        resolve: (ok) => {
          this.confirmRequest = null;
          resolve(ok);
        },
      };
    });
  }

  toast(message: string, options: { kind?: Toast['kind']; action?: Toast['action']; timeoutMs?: number } = {}): number {
    const id = nextToast++;
    this.toasts = [...this.toasts.slice(-3), { id, message, kind: options.kind ?? 'info', ...(options.action ? { action: options.action } : {}) }];
    const timeout = options.timeoutMs ?? (options.action ? 10_000 : 5_000);
    if (timeout > 0) setTimeout(() => this.dismiss(id), timeout);
    return id;
  }

  error(message: string): number {
    return this.toast(message, { kind: 'error', timeoutMs: 10_000 });
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}

export const ui = new UiState();

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
