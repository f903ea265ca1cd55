// smshook diagnosis: headers and providers. Headers as a plain object, and the checks for a
// delivery sent to the wrong provider, one whose provider is not detected, and one whose
// signature header is missing or renamed. Each check takes the context diagnose() builds
// (see ../diagnose.js) and adds findings to it.

import { still } from "./text.js";

/** Whether `object` has `key` as an own property. */
export const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** Headers as a plain object with lowercase names (Headers, Map, entries or an object). */
export function plainHeaders(headers) {
  const out = {};
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    const key = String(name).toLowerCase();
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    Object.defineProperty(out, key, { value: hasOwn(out, key) ? `${out[key]}, ${text}` : text, enumerable: true, writable: true, configurable: true });
  };
  if (headers === null || typeof headers !== "object") return out;
  if (typeof headers.forEach === "function" && typeof headers.get === "function") headers.forEach((v, k) => add(k, v));
  else if (Array.isArray(headers)) for (const e of headers) { if (Array.isArray(e) && e.length === 2) add(e[0], e[1]); }
  else for (const k of Object.keys(headers)) add(k, headers[k]);
  return out;
}

/** wrong_provider: the headers are another provider's. */
export function checkProvider({ attempt, base, detected, provider, name, add }) {
  if (typeof base.provider !== "string" || detected === null || detected === base.provider) return;
  const r = attempt({ provider: detected });
  add({ code: "wrong_provider", confirmed: r.signed,
    message: `the headers are ${name(detected)}'s (${detected}), not ${name(base.provider)}'s${r.signed ? `: the delivery verifies as ${detected}${still(r)}` : ""}`,
    fix: `set provider: "${detected}" (--provider ${detected}), or point ${name(base.provider)}'s webhook at this endpoint` });
}

/** provider_not_detected: try every provider with the secret. */
export function checkNoProvider({ attempt, headers, add, name, providers: ctxProviders }) {
  for (const { id } of ctxProviders) {
    if (attempt({ provider: id }).signed) {
      add({ code: "provider_missing", confirmed: true, message: `the delivery verifies as ${name(id)} (${id}), whose headers detection does not recognize alone`, fix: `set provider: "${id}" (--provider ${id})` });
      return;
    }
  }
  const names = Object.keys(headers).join(", ") || "none";
  add({ code: "header_missing", message: `no known signature header in the request (its headers: ${names}); proxies and tunnels sometimes strip them`, fix: "pass provider explicitly, and check that every header of the delivery reaches your app" });
}

/** missing_signature: which of the provider's headers is absent (or renamed by a proxy). */
export function checkHeaders({ attempt, headers, provider, name, add, message, info }) {
  // The core names the header it missed; PROVIDERS gives the provider's main one.
  const main = info(provider)?.signatureHeader?.toLowerCase();
  const named = /missing signature header (\S+)/.exec(message)?.[1] ?? main;
  const absent = named && !hasOwn(headers, named) ? [named] : [];
  const expected = main ? [main] : [];
  for (const h of absent) {
    const renamed = Object.keys(headers).find((k) => k !== h && k.endsWith(h));
    if (renamed === undefined) continue;
    const fixed = { ...headers, [h]: headers[renamed] };
    if (attempt({ headers: fixed }).signed) {
      add({ code: "header_missing", confirmed: true, message: `the ${h} header arrived renamed as ${renamed} (a proxy or API gateway remapped it); under its own name the delivery verifies`, fix: `pass the header as ${h} (map ${renamed} back to ${h} before verifying, or stop the proxy remapping it)` });
      return;
    }
  }
  const list = absent.length > 0 ? absent.join(", ") : "its signature header";
  add({ code: "header_missing",
    message: `${name(provider)} signs with ${expected.join(", ") || "a signature header"}; this request has no ${list}. Proxies, load balancers and some frameworks strip headers (Authorization especially)${provider === "httpsms" ? "; httpSMS sends no Authorization when the webhook has no signing key" : ""}`,
    fix: `check that ${list} reaches your app (log the raw request headers) and that you pass all of them to verify${provider === "httpsms" ? "; set a signing key on the httpSMS webhook (or allowUnsigned: true to accept unsigned deliveries)" : ""}` });
}

