import type { AppError } from './app-error';
import { InputErrors } from './input.errors';

/**
 * The one rule for text the system accepts, applied to every string that comes in — JSON bodies
 * (values and keys), query parameters, route parameters, multipart fields and file names:
 *
 * - no C0 control characters (U+0000–U+001F) except TAB, LF and CR, no DEL and no C1 controls
 *   (U+007F–U+009F): PostgreSQL refuses NUL, and the others only hide or garble text in lists,
 *   exports and logs;
 * - TAB, LF and CR only where multi-line text is allowed: JSON bodies (narratives, reasons); never
 *   in query parameters, route parameters or file names;
 * - no lone UTF-16 surrogates: they cannot be encoded as UTF-8, so a jsonb column or the audit
 *   hash would refuse or alter them;
 * - no bidirectional embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069): a
 *   U+202E in a name or file name makes `报告exe.pdf` display as something else.
 *
 * Everything else (all of CJK, emoji as proper pairs, ZWJ, full-width forms) is accepted; the
 * normalisation of codes and names (`normalizeText`) is a separate, later step.
 */
export interface TextPolicyOptions {
  /** TAB, LF and CR allowed (JSON bodies); otherwise one line. */
  multiLine: boolean;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The error for the first character `s` must not contain, or null. */
export function textViolation(s: string, field: string, opts: TextPolicyOptions): AppError | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) {
        if (!opts.multiLine) return InputErrors.field('text_line_break', field, field);
        continue;
      }
      return InputErrors.field('text_control_character', field, field, hex(c));
    }
    if (c < 0x2000) continue;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
      return InputErrors.field('text_bidi_control', field, field, hex(c));
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return InputErrors.field('text_lone_surrogate', field, field);
    }
    if (c >= 0xdc00 && c <= 0xdfff) return InputErrors.field('text_lone_surrogate', field, field);
  }
  return null;
}

/** Throws the policy's error for `s`. */
export function assertText(s: string, field: string, opts: TextPolicyOptions): void {
  const error = textViolation(s, field, opts);
  if (error) throw error;
}

/** No DTO is deeper than a handful of levels; a body far deeper is an attack on whatever walks it. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Walks parsed input without recursion — so its own depth cannot overflow the stack — and throws
 * the first violation: nesting beyond `maxDepth`, or a key or string value against the text policy.
 * Field paths read like validation errors: `items[3].narrative`.
 */
export function assertInput(value: unknown, root: string, opts: TextPolicyOptions, maxDepth = MAX_INPUT_DEPTH): void {
  const stack: Array<[value: unknown, path: string, depth: number]> = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      assertText(v, path || '(请求体)', opts);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) throw InputErrors.raise('body_too_deep', maxDepth);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`, depth + 1]);
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${key}` : key;
      // Named by its parent: the key itself is the text that cannot be shown.
      assertText(key, path ? `${path} 的字段名` : '字段名', { multiLine: false });
      stack.push([child, childPath, depth + 1]);
    }
  }
}
