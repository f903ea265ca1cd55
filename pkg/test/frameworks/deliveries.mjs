// Signed deliveries for the framework tests: one positive case per provider from the shared
// vector files (tests/vectors, SMSHOOK_VECTORS), signed again with smshook's sign() at one
// fixed time, with the event fields the vector file expects.
import { createRequire } from "node:module";
import { sign, PROVIDERS } from "smshook";

const require = createRequire(import.meta.url);
const { loadFiles } = require("../vectors-lib.cjs");

/** The signing and verifying time of every delivery (ms). */
export const NOW = 1767225600000;

/** The public origin URL-signed providers post to. */
export const PUBLIC_ORIGIN = "https://hooks.example.com";

/** The event fields compared (`occurredAt` may follow the signing time, so it is left out). */
const FIELDS = ["provider", "type", "providerEvent", "id", "messageId", "from", "to", "text"];

/**
 * Providers that sign the body without the URL (every registered one whose scheme is not
 * a URL scheme: twilio and plivo are tested on their own), each delivered by one route.
 */
export const BODY_SIGNED = PROVIDERS.filter((p) => !/-url(-|$)/.test(p.scheme)).map((p) => p.id);
if (BODY_SIGNED.length !== PROVIDERS.length - 2) throw new Error(`URL-signed providers changed: ${BODY_SIGNED}`);

const files = new Map(loadFiles().map((f) => [f.provider, f]));

/** The verify options a case needs besides the secret (httpsms: audience, subject). */
function extraOptions(c) {
  const { now: _now, ...rest } = c.options;
  return rest;
}

/** Providers whose payload carries its signed time: their deliveries keep the case's time. */
const OWN_TIME = new Set(["messages-dev"]);

/** The first positive case of a provider with a text body that these tests can share. */
function pick(provider, accept = () => true) {
  const file = files.get(provider);
  if (file === undefined) throw new Error(`no vector file for ${provider}`);
  const c = file.cases.find((k) => k.expect.event !== undefined && typeof k.body === "string" && accept(k) &&
    Object.keys(k.options).every((o) => o === "now" || o === "audience" || o === "subject"));
  if (c === undefined) throw new Error(`no usable positive case for ${provider}`);
  return c;
}

function expected(c) {
  return Object.fromEntries(FIELDS.map((f) => [f, c.expect.event[f]]));
}

/**
 * A delivery: `{ provider, case, secret, now, options, headers, body, url?, expect }`,
 * signed at `now` (NOW, or the case's own time for OWN_TIME providers); `options` are the
 * verify options it needs besides the secret, `now` included.
 */
function delivery(provider, c, signArgs) {
  const secret = [c.secret].flat()[0];
  const now = OWN_TIME.has(provider) ? c.options.now : NOW;
  const signed = sign({ provider, secret, body: c.body, ...c.sign, now, ...signArgs });
  return {
    provider, case: c.name, secret, now, options: { ...extraOptions(c), now },
    headers: signed.headers, body: signed.body, url: signed.url, expect: expected(c),
  };
}

/** One delivery per body-signed provider. */
export const deliveries = BODY_SIGNED.map((p) => delivery(p, pick(p, (k) => k.url === undefined)));

/** The deliveries signed at NOW: one verifier (one `now`) takes them all. */
export const sharedDeliveries = deliveries.filter((d) => d.now === NOW);

/** A Twilio form delivery signed for `origin` + `path` (a path with its query). */
export function twilioDelivery(path, origin = PUBLIC_ORIGIN) {
  const c = pick("twilio", (k) => k.body.startsWith("MessageSid=") && k.sign.url === k.url);
  return delivery("twilio", c, { url: `${origin}${path}` });
}

/** createVerifier options for the shared deliveries: `{ secrets, now, …their options }`. */
export function sharedVerifierOptions(list = sharedDeliveries) {
  return Object.assign({ secrets: Object.fromEntries(list.map((d) => [d.provider, d.secret])) }, ...list.map((d) => d.options));
}

/** The delivery with one body byte changed (a letter's case: still valid JSON). */
export function flipped(d) {
  const at = d.body.search(/[a-z]/);
  if (at < 0) throw new Error(`${d.provider}: no letter to flip`);
  return { ...d, body: d.body.slice(0, at) + d.body[at].toUpperCase() + d.body.slice(at + 1) };
}
