const MAX_SHOWN = 64;

/**
 * A submitted value as it can be quoted in a Chinese message. Never throws, whatever was posted
 * (`{"toString": null}` makes `String(v)` throw), and never quotes more than a short prefix.
 */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || value === undefined || typeof value !== 'object')
    text = typeof value === 'function' ? 'function' : String(value);
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = Array.isArray(value) ? 'array' : 'object';
    }
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
