/**
 * POSTing exactly the signed headers and body, with a timeout, and its failures as plain
 * words (NetworkError).
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { NetworkError } from "./args.mjs";

/** Why a request failed, in words ("connection refused (ECONNREFUSED)", "timed out after 10000 ms"). */
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

/** The URL for messages: a user name and password in it are left out. */
export function withoutCredentials(url) {
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return shown.href;
}

/**
 * POSTs `body` with exactly `headers` to `url` through node:http(s), which adds only
 * `Host`, `Content-Length` and `Connection` (fetch would add its own `user-agent`, `accept`,
 * `accept-encoding`…, which no provider sends). Redirects are not followed; at most 64 KiB
 * of the answer is kept; `timeoutMs` bounds the whole exchange.
 * Returns { status, ok, text }; throws NetworkError (`timedOut` true for a timeout) when it
 * could not complete.
 */
export function post(url, headers, body, timeoutMs) {
  const target = new URL(url);
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (error, timedOut = false) => {
      const failure = new NetworkError(`cannot deliver to ${withoutCredentials(target)}: ${networkReason(error, timeoutMs)}`);
      failure.timedOut = timedOut;
      reject(failure);
    };
    const req = send(target, { method: "POST", headers: { ...headers, "content-length": String(bytes.length) } }, (res) => {
      readSome(res, 64 * 1024).then(
        (text) => resolve({ status: res.statusCode, ok: res.statusCode >= 200 && res.statusCode < 300, text }),
        (error) => fail(error),
      );
    });
    const timer = setTimeout(() => {
      req.destroy();
      fail({ name: "TimeoutError" }, true);
    }, timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("error", (error) => fail(error));
    req.end(bytes);
  });
}

/** The answer's text, at most `max` bytes of it (the rest is discarded). */
function readSome(res, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    res.on("data", (chunk) => {
      if (size < max) chunks.push(chunk);
      size += chunk.length;
    });
    res.on("end", () => resolve(Buffer.concat(chunks).subarray(0, max).toString("utf8")));
    res.on("error", reject);
  });
}
