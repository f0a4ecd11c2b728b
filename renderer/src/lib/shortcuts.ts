/** Keyboard shortcuts of the workbench: which key does what, and when keys are left to inputs. */

export type ShortcutAction = 'new-run' | 'new-sweep' | 'focus-search' | 'compare' | 'export' | 'trash' | 'help' | 'theme';

export const SHORTCUTS: { keys: string; action: ShortcutAction; description: string }[] = [
  { keys: 'n', action: 'new-run', description: 'New run' },
  { keys: 's', action: 'new-sweep', description: 'New sweep' },
  { keys: '/', action: 'focus-search', description: 'Search the library' },
  { keys: 'c', action: 'compare', description: 'Compare the selected runs' },
  { keys: 'e', action: 'export', description: 'Export the chart in view as a figure' },
  { keys: 'Delete', action: 'trash', description: 'Move the selected runs (or the open run) to the trash' },
  { keys: 't', action: 'theme', description: 'Switch between light and dark theme' },
  { keys: '?', action: 'help', description: 'Show this list' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** True when the key press belongs to a text field, a select or an editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  if (tag === 'input') return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes((el.type ?? 'text').toLowerCase());
  return false;
}

/** The action of a key press, or null (modifiers other than Shift, or typing in a field). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'n':
      return 'new-run';
    case 's':
      return 'new-sweep';
    case '/':
      return 'focus-search';
    case 'c':
      return 'compare';
    case 'e':
      return 'export';
    case 'Delete':
      return 'trash';
    case 't':
      return 'theme';
    case '?':
      return 'help';
    default:
      return null;
  }
}
