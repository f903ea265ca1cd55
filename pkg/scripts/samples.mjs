#!/usr/bin/env node
// Writes pkg/dist/samples.js: one realistic delivery per provider and normalized event
// type, taken from the shared test vectors (tests/vectors/*.json), for `smshook send` and
// the playground's generate mode. The vectors are the one source: a provider that gains a
// vector case for a new event type gains its sample on the next build.
//
// For each provider and event type the positive case with a `sign` block and a UTF-8 body
// that is plainest (no verify option beyond `now`, one secret) and richest (sender,
// recipient, text, message id, a real time) is taken, the first of equals. Top-level JSON
// times become `{{now_ms}}` / `{{now_s}}` / `{{now_iso}}`, so a sample signed now also
// carries now in its body (Messages.dev signs the body's `timestamp`; TextUs bounds the age
// of its own). Usage:
//   node pkg/scripts/samples.mjs [vectors-dir] [out-file]
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(PKG, "..");
const vectorsDir = process.argv[2] ?? join(ROOT, "tests", "vectors");
const outFile = process.argv[3] ?? join(PKG, "dist", "samples.js");

/** Normalized event types in SPEC section 2 order, read from the crate's one list. */
function eventTypes() {
  const source = readFileSync(join(ROOT, "src", "event.rs"), "utf8");
  const types = [...source.matchAll(/^\s+\w+ => "([a-z_.]+)",$/gm)].map((m) => m[1]);
  if (!types.includes("message.received") || types.at(-1) !== "unknown") {
    throw new Error("samples: could not read the event types from src/event.rs");
  }
  return types;
}

const THIRTY_DAYS_MS = 30 * 86_400_000;
const SIGN_KEYS = ["eventType", "audience", "subject", "timestamped"];

/** An RFC 3339 date-time as providers write one (`2018-07-24T20:59:32.156Z`, `…+00:00`). */
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

/** The body with its time placeholders filled for `nowMs` (what dist/samples.js does). */
function fill(template, nowMs) {
  return template
    .replaceAll("{{now_ms}}", String(Math.trunc(nowMs)))
    .replaceAll("{{now_s}}", String(Math.trunc(nowMs / 1000)))
    .replaceAll("{{now_iso}}", new Date(nowMs).toISOString());
}

/**
 * The body with its top-level times made placeholders: integers within 30 days of the
 * signing time (ms or s) and RFC 3339 strings (a provider may check either: Messages.dev
 * signs its `timestamp` number, TextUs bounds the age of its `timestamp` string). Checked
 * by filling the template at another time: exactly those top-level fields change, and at
 * the case's own times it is the case's body again; else the body stays as it is.
 */
function templateBody(body, nowMs) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return body;
  let out = body;
  const kinds = {};
  for (const [key, value] of Object.entries(parsed)) {
    const name = `"${key.replace(/[^\w]/g, "\\$&")}"\\s*:\\s*`;
    if (typeof value === "number" && Number.isInteger(value)) {
      const unit = Math.abs(value - nowMs) <= THIRTY_DAYS_MS ? "ms"
        : Math.abs(value * 1000 - nowMs) <= THIRTY_DAYS_MS ? "s" : null;
      if (!unit) continue;
      out = out.replace(new RegExp(`(${name})${value}(?![\\d.eE])`), `$1{{now_${unit}}}`);
      kinds[key] = unit;
    } else if (typeof value === "string" && ISO.test(value)) {
      out = out.replace(new RegExp(`(${name})"${value.replace(/[.+]/g, "\\$&")}"`), `$1"{{now_iso}}"`);
      kinds[key] = "iso";
    }
  }
  const at = 1_900_000_000_123;
  const expected = { ...parsed };
  for (const [key, unit] of Object.entries(kinds)) {
    expected[key] = unit === "ms" ? at : unit === "s" ? Math.trunc(at / 1000) : new Date(at).toISOString();
  }
  let filled;
  try {
    filled = JSON.parse(fill(out, at));
  } catch {
    return body;
  }
  if (!isDeepStrictEqual(filled, expected) || restore(out, parsed) !== body) return body;
  return out;
}

/** The template with each placeholder given back its field's original value. */
function restore(template, original) {
  return template
    .replace(/("([^"\\]+)"\s*:\s*)\{\{now_(ms|s)\}\}/g, (_, prefix, key) => prefix + original[key])
    .replace(/("([^"\\]+)"\s*:\s*)"\{\{now_iso\}\}"/g, (_, prefix, key) => `${prefix}"${original[key]}"`);
}

/**
 * How well a case shows its event type: the event's sender, recipient, text, message id
 * and a real time (not 1970) each count; the first case of the best score is taken.
 */
function richness(c) {
  const e = c.expect.event;
  const real = typeof e.occurredAt === "string" && e.occurredAt >= "2000";
  return [e.from, e.to, e.text, e.messageId].filter((v) => v !== null && v !== undefined).length + (real ? 1 : 0);
}

/** Whether a case may stand for its event type: positive, signable, plain text body. */
function usable(c) {
  return c.expect?.event && c.sign && typeof c.body === "string";
}

/** How plain a case is: no verify option beyond `now` (2), one secret, not a rotation list (1). */
const plainness = (c) => (Object.keys(c.options ?? {}).every((k) => k === "now") ? 2 : 0) + (Array.isArray(c.secret) ? 0 : 1);

function samplesFrom(file, types) {
  const { provider, cases } = JSON.parse(readFileSync(file, "utf8"));
  const chosen = new Map();
  for (const c of cases) {
    if (!usable(c)) continue;
    const type = c.expect.event.type;
    const best = chosen.get(type);
    const score = plainness(c) * 100 + richness(c);
    if (best === undefined || score > plainness(best) * 100 + richness(best)) chosen.set(type, c);
  }
  return [...chosen.entries()]
    .sort(([a], [b]) => types.indexOf(a) - types.indexOf(b))
    .map(([eventType, c]) => {
      const secrets = Array.isArray(c.secret) ? c.secret : [c.secret];
      const sign = Object.fromEntries(SIGN_KEYS.filter((k) => c.sign[k] !== undefined).map((k) => [k, c.sign[k]]));
      return {
        provider,
        eventType,
        providerEvent: c.expect.event.providerEvent ?? null,
        case: c.name,
        source: c.source,
        body: templateBody(c.body, c.sign.now),
        sign,
        secret: c.sign.secret ?? secrets[0],
        verifySecret: secrets[0],
        signsUrl: typeof c.url === "string",
      };
    });
}

const types = eventTypes();
const files = readdirSync(vectorsDir).filter((f) => f.endsWith(".json")).sort();
const samples = files.flatMap((f) => samplesFrom(join(vectorsDir, f), types));
if (samples.length < files.length) throw new Error(`samples: only ${samples.length} samples from ${files.length} vector files`);

const source = `// Generated by pkg/scripts/samples.mjs from tests/vectors/*.json: do not edit.
/** One realistic delivery per provider and normalized event type, from the test vectors. */
export const SAMPLES = Object.freeze(${JSON.stringify(samples, null, 1)}.map((s) => Object.freeze(s)));

/** The sample's body with its time placeholders ({{now_ms}}, {{now_s}}, {{now_iso}}) filled for \`nowMs\`. */
export function sampleBody(sample, nowMs) {
  return sample.body
    .replaceAll("{{now_ms}}", String(Math.trunc(nowMs)))
    .replaceAll("{{now_s}}", String(Math.trunc(nowMs / 1000)))
    .replaceAll("{{now_iso}}", new Date(nowMs).toISOString());
}

/** The samples of one provider, in SPEC order of event types (empty for an unknown id). */
export function samplesOf(provider) {
  return SAMPLES.filter((s) => s.provider === provider);
}
`;
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, source);
console.log(`[pkg/samples] ${samples.length} samples of ${files.length} providers → ${outFile}`);
