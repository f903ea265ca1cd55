// Pure text helpers of the playground (no DOM): header lines, shell quoting, the curl
// command of a signed delivery, and the pretty form of a raw payload.

/** Headers (a plain object) as `Name: value` lines, in their order. */
export function headerLines(headers) {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\n");
}

/** One shell word for POSIX shells: single-quoted, a `'` written as `'\''`. */
export function shellQuote(text) {
  return /^[A-Za-z0-9_\-.,:/=@%+]+$/.test(text) ? text : `'${String(text).replace(/'/g, "'\\''")}'`;
}

/**
 * A curl command that posts exactly these headers and body to `url` (`--data-raw`: unlike
 * `--data-binary`, it sends a body starting with `@` as it is, not read from a file).
 */
export function curlCommand(url, headers, body) {
  const words = [["curl", "-sS", shellQuote(url)].join(" ")];
  for (const [name, value] of Object.entries(headers)) words.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  words.push(`--data-raw ${shellQuote(body)}`);
  return words.join(" \\\n  ");
}

/** The body as text: a string unchanged, bytes decoded as UTF-8 (invalid bytes as U+FFFD). */
export function bodyText(body) {
  if (body === null || body === undefined) return "";
  return typeof body === "string" ? body : new TextDecoder().decode(body);
}

/**
 * The raw payload for reading: JSON pretty-printed; a form body (twilio, plivo) as one
 * decoded `name = value` per line; anything else as it is.
 */
export function prettyPayload(body) {
  const text = bodyText(body);
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return text;
    }
  }
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*$/.test(trimmed)) {
    const lines = [];
    for (const [name, value] of new URLSearchParams(trimmed)) lines.push(`${name} = ${value}`);
    return lines.join("\n");
  }
  return text;
}
