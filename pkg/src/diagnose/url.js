// smshook diagnosis: the URL, for the providers that sign it (twilio, plivo). Re-verifies
// the URLs a proxy, load balancer or tunnel would have changed (scheme, host, port, path,
// query) and names the one the provider signed.

import { hasOwn } from "./headers.js";
import { still } from "./text.js";

/** URL variants a proxy or a tunnel produces, the fewest changes first. */
function urlVariants(url, headers) {
  const m = /^(https?):\/\/([^/?#:]*)(:\d+)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (m === null) return [];
  const [, scheme0, host0, port0 = "", path0, query0 = ""] = m;
  const first = (name) => (hasOwn(headers, name) ? headers[name].split(",")[0].trim() : "");
  const hosts = new Set([host0]);
  for (const h of [first("x-forwarded-host"), first("host")]) if (h !== "") hosts.add(h.replace(/:\d+$/, ""));
  const schemes = new Set([scheme0.toLowerCase(), "https", "http"]);
  const paths = new Set([path0, path0 === "" ? "/" : path0.endsWith("/") ? path0.replace(/\/+$/, "") : `${path0}/`]);
  const queries = new Set([query0, ""]);
  const out = [];
  const seen = new Set([url]);
  for (const s of schemes) for (const h of hosts) for (const p of paths) for (const q of queries) {
    for (const pt of new Set([port0, "", s === "https" ? ":443" : ":80"])) {
      const candidate = `${s}://${h}${pt}${p}${q}`;
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      const changes = (s !== scheme0.toLowerCase()) + (h !== host0) + (pt !== port0) + (p !== path0) + (q !== query0);
      out.push([changes, candidate]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

/** URL variants for the providers that sign it. */
export function checkUrl(ctx) {
  const { attempt, base, headers, add, provider, name } = ctx;
  const given = String(base.url);
  for (const url of urlVariants(given, headers).slice(0, 48)) {
    const r = attempt({ url });
    if (r.skipped) return;
    if (!r.signed) continue;
    const origin = /^https?:\/\/[^/?#]*/i.exec(url)[0];
    add({ code: "url_changed", confirmed: true,
      message: `${name(provider)} signed ${url}, but the URL given is ${given}: a proxy, load balancer or tunnel changed it (scheme, host, port, path or query) before it reached your app${still(r)}`,
      fix: `verify with url: "${url}"; in a server, set publicUrl: "${origin}" (createVerifier or the helpers) so the public URL is used` });
    return;
  }
  const fwd = headers["x-forwarded-proto"] ?? headers["x-forwarded-host"];
  if (fwd !== undefined) {
    add({ code: "url_changed", message: `the request passed a proxy (X-Forwarded-* headers) and ${name(provider)} signs the public URL it requested: the URL given (${given}) may not be that one`, fix: "pass the exact public URL (url or publicUrl), including the query string" });
  }
}
