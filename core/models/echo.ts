/**
 * User input as it appears inside an error message: short values whole, long ones cut to a prefix
 * with an ellipsis and their length, so that a 100 KB value still gives a one-line message.
 */

/** How many characters of a value a message shows before cutting it. */
export const ECHO_PREFIX = 40;

/**
 * A value quoted for a message: a string as JSON (`"abc"`), anything else as its JSON text;
 * longer than `max` characters it becomes `"abcd…" (100000 characters)`.
 */
export function echo(value: unknown, max = ECHO_PREFIX): string {
  if (typeof value === 'string') {
    return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(prefix(value, max) + '…')} (${value.length} characters)`;
  }
  return clip(jsonText(value), max);
}

/** Text shown as it is (a path, an option name), cut like `echo` when longer than `max`. */
export function clip(text: string, max = ECHO_PREFIX): string {
  return text.length <= max ? text : `${prefix(text, max)}… (${text.length} characters)`;
}

/** The first `max` UTF-16 units of `text`, without splitting a surrogate pair. */
function prefix(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, max - 1) : text.slice(0, max);
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
