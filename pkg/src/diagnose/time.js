// smshook diagnosis: time. For a delivery refused for its timestamp or an expired token,
// finds which time option refuses it and measures the offset between the signed time and
// now by re-verifying with other tolerances and clocks.

import { formatDuration } from "./text.js";

/** A time option large enough for any real offset (136 years), a safe integer for the core. */
const HUGE = 2 ** 32;
const DEFAULTS = { toleranceSeconds: 300, leewaySeconds: 60 };

/** Clock skew and expired tokens: measures the offset between the signed time and now. */
export function checkTime(ctx) {
  const { attempt, base, add, now, code } = ctx;
  const jwt = code === "token_expired" || code === "token_not_yet_valid";
  const huge = { toleranceSeconds: HUGE, leewaySeconds: HUGE };
  if (base.maxAgeSeconds !== undefined) huge.maxAgeSeconds = HUGE;
  if (!attempt(huge).timely) return;
  const original = (p) => (Number.isSafeInteger(base[p]) ? base[p] : DEFAULTS[p] ?? 0);
  // Which time option refuses it: the one that still fails at its value, the others huge
  // (vonage checks iat against toleranceSeconds, exp and nbf against leewaySeconds).
  const candidates = jwt ? ["leewaySeconds", "toleranceSeconds"] : ["toleranceSeconds", "leewaySeconds"];
  if (base.maxAgeSeconds !== undefined) candidates.push("maxAgeSeconds");
  const param = candidates.find((p) => !attempt({ ...huge, [p]: original(p) }).timely);
  if (param === undefined) return;
  const passes = (value, shift = 0) => attempt({ ...huge, [param]: value, now: now + shift }).timely;
  let lo = original(param);
  let hi = HUGE;
  for (let probe = Math.max(1, lo * 2); probe < HUGE; probe *= 2) {
    if (passes(probe)) { hi = probe; break; }
    lo = probe;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid; else lo = mid;
  }
  let sign = 0;
  if (passes(1, hi * 1000)) sign = 1;
  else if (now - hi * 1000 >= 0 && passes(1, -hi * 1000)) sign = -1;
  const offsetSeconds = sign === 0 ? hi : sign * hi;
  const dur = formatDuration(hi);
  const when = sign > 0 ? `${dur} in the future` : `${dur} ago`;
  const signedAt = sign === 0 ? null : new Date(now + offsetSeconds * 1000).toISOString();
  if (jwt) {
    add({ code: "token_expired", confirmed: true, offsetSeconds,
      message: code === "token_expired"
        ? `the token is authentic but expired ${dur} ago (beyond ${param}: ${original(param)}): a replayed capture from ${dur} ago, or a clock ${dur} off`
        : `the token is authentic but only valid from ${dur} from now: the signer's clock is ${dur} ahead of yours (or yours behind)`,
      fix: `for an old capture verify with now: ${now + offsetSeconds * 1000}${signedAt ? ` (${signedAt})` : ""}; for live traffic sync the clocks (NTP); ${param}: ${hi} would accept it` });
    return;
  }
  const age = param === "maxAgeSeconds";
  add({ code: "clock_skew", confirmed: true, offsetSeconds,
    message: age
      ? `the delivery is authentic but its event is ${dur} old, over maxAgeSeconds (${original(param)})`
      : sign > 0
        ? `the signature is valid but was made ${when} (signed at ${signedAt}): the sender's clock is ${dur} ahead of yours, or yours behind`
        : `the signature is valid but was made ${when}${signedAt ? ` (signed at ${signedAt})` : ""}: a replayed capture from ${dur} ago, or a clock ${dur} off`,
    fix: age
      ? `raise maxAgeSeconds above ${hi} if such late retries are expected`
      : sign > 0
        ? `sync the clocks (NTP) on the sender and on this machine; toleranceSeconds: ${hi} would accept it meanwhile`
        : `to check an old capture, verify with now: ${sign === 0 ? "the time it was sent" : now + offsetSeconds * 1000}; for live traffic, sync the clocks (NTP); toleranceSeconds: ${hi} would accept it` });
}
