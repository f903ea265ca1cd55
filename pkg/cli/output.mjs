/**
 * Terminal output: colour when the stream is a TTY (FORCE_COLOR and NO_COLOR decide
 * first), aligned columns, shortened text, and the `smshook: <message>` error line.
 */

/**
 * Whether to colour `stream`: FORCE_COLOR set → on unless "0" or "false"; else NO_COLOR
 * set and non-empty → off; else on exactly when the stream is a TTY.
 */
export function useColour(stream, env = process.env) {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] };

/** Styling functions for `stream` (identity functions when colour is off). */
export function painter(stream, env = process.env) {
  const on = useColour(stream, env);
  const paint = {};
  for (const [name, [open, close]] of Object.entries(CODES)) {
    paint[name] = on ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => String(text);
  }
  return paint;
}

/** The visible width of a string (colour codes do not count). */
export function width(text) {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/\x1b\[[0-9;]*m/g, "").length;
}

/** `text` padded with spaces to `n` visible characters. */
export function pad(text, n) {
  const s = String(text);
  return s + " ".repeat(Math.max(0, n - width(s)));
}

/**
 * C0 and C1 control characters and the bidirectional overrides: what a hostile message
 * text or id could use to move the cursor, recolour or reorder a terminal line.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** `text` safe to print: unsafe characters written as `\u` escapes (as JSON writes them). */
export function printable(text) {
  return String(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `text` on one line (unsafe characters as spaces), at most `max` characters, "…" when cut. */
export function shorten(text, max) {
  const line = String(text ?? "").replace(new RegExp(`(?:${UNSAFE.source})+`, "g"), " ").trim();
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

/** Rows (arrays of cells) as lines with aligned columns, two spaces between; the last column is not padded. */
export function columns(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, width(cell)); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? String(cell) : pad(cell, widths[i]))).join("  ").trimEnd());
}

/** Writes `smshook: <message>` (and a help pointer for usage errors) to stderr. */
export function printError(message, helpCommand = null) {
  const paint = painter(process.stderr);
  process.stderr.write(`${paint.red("smshook:")} ${message}\n`);
  if (helpCommand !== null) process.stderr.write(`see smshook ${helpCommand ? `${helpCommand} ` : ""}--help\n`);
}
