/**
 * Closing a popover the way menus close: Escape anywhere, or a press outside it (and outside the
 * button that opened it, which toggles it itself).
 */

export type DismissReason = 'escape' | 'outside';

/** The parts of a DOM event the decision reads. */
export interface DismissEvent {
  type: string;
  key?: string;
  target: unknown;
}

/** Why this event closes the popover, or null when it does not. */
export function dismissReason(event: DismissEvent, isInside: (target: unknown) => boolean): DismissReason | null {
  if (event.type === 'keydown') return event.key === 'Escape' ? 'escape' : null;
  if (event.type === 'pointerdown' || event.type === 'focusin') return isInside(event.target) ? null : 'outside';
  return null;
}

export interface DismissOptions {
  onclose: (reason: DismissReason) => void;
  /** The button that opened the popover: presses on it are its own business. */
  trigger?: HTMLElement | undefined;
}

/**
 * Svelte action for the popover element: calls `onclose` on Escape (then gives focus back to the
 * trigger) and on a press or a focus move outside the popover and its trigger.
 */
export function dismissable(node: HTMLElement, options: DismissOptions) {
  let current = options;
  const isInside = (target: unknown): boolean =>
    target instanceof Node && (node.contains(target) || (current.trigger?.contains(target) ?? false));
  const handle = (event: Event): void => {
    const reason = dismissReason({ type: event.type, key: (event as KeyboardEvent).key, target: event.target }, isInside);
    if (!reason) return;
    if (reason === 'escape') {
      event.stopPropagation();
      current.trigger?.focus();
    }
    current.onclose(reason);
  };
  const doc = node.ownerDocument;
  doc.addEventListener('keydown', handle, true);
  doc.addEventListener('pointerdown', handle, true);
  doc.addEventListener('focusin', handle, true);
  return {
    update(next: DismissOptions) {
      current = next;
    },
    destroy() {
      doc.removeEventListener('keydown', handle, true);
      doc.removeEventListener('pointerdown', handle, true);
      doc.removeEventListener('focusin', handle, true);
    },
  };
}
