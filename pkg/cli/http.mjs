/**
 * POSTing with fetch, with a timeout, and its failures as plain words (NetworkError).
 */
import { NetworkError } from "./args.mjs";

/** Why a fetch failed, in words ("connection refused (ECONNREFUSED)", "timed out after 10000 ms"). */
export function networkReason(error, timeoutMs) {
  if (error?.name === "TimeoutError" || error?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  const cause = error?.cause;
  const code = cause?.code ?? error?.code;
  const words = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host lookup failed",
    EHOSTUNREACH: "host unreachable",
    UND_ERR_SOCKET: "connection closed",
    UND_ERR_HEADERS_TIMEOUT: "no answer in time",
  };
  if (code !== undefined) return `${words[code] ?? "network error"} (${code})`;
  return cause?.message ?? error?.message ?? String(error);
}

/**
 * POSTs `body` with exactly `headers` to `url` (redirects not followed), reads the answer
 * (at most 64 KiB of it kept), within `timeoutMs` for the whole exchange.
 * Returns { status, ok, text }; throws NetworkError (`timedOut` true for a timeout) when it
 * could not complete.
 */
export async function post(url, headers, body, timeoutMs) {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal });
    const text = await readSome(response, 64 * 1024);
    return { status: response.status, ok: response.status >= 200 && response.status < 300, text };
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    const failure = new NetworkError(`cannot deliver to ${url}: ${networkReason(error, timeoutMs)}`);
    failure.timedOut = error?.name === "TimeoutError" || error?.name === "AbortError";
    throw failure;
  }
}

/** The answer's text, at most `max` bytes of it (the rest is cancelled). */
async function readSome(response, max) {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= max) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString("utf8");
}
