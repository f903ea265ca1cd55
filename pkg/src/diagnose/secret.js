// smshook diagnosis: a signature that does not match. Tries the secret trimmed, with and
// without its provider's prefix, then the body and URL variants (./body.js, ./url.js), and
// falls back to a wrong secret (or telnyx's public key).

import { checkBody } from "./body.js";
import { checkUrl } from "./url.js";

const TELNYX_KEY = {
  code: "secret_wrong",
  message: "telnyx verifies with the account's public key (base64 of 32 bytes, Mission Control > Keys & Credentials > Public Key), not an API key or the private key",
  fix: "pass the public key as the secret",
};
/** Secret prefixes a provider shows as part of the secret. */
const SECRET_PREFIX = { standard: "whsec_", textus: "textus-" };

/** The secret without surrounding whitespace and quotes. */
const cleanSecret = (s) => s.trim().replace(/^(["'`])(.*)\1$/s, "$2").trim();

/** Secret, body and URL variants for a signature that does not match. */
export function checkSignature(ctx) {
  const { attempt, base, provider, name, add, code, detected } = ctx;
  const list = Array.isArray(base.secret) ? base.secret : [base.secret];
  const secretOf = (i, s) => (Array.isArray(base.secret) ? list.map((x, j) => (j === i ? s : x)) : s);
  const which = (i) => (Array.isArray(base.secret) ? `secret #${i + 1} of the list` : "the secret");
  let confirmed = false;
  list.forEach((secret, i) => {
    if (confirmed || typeof secret !== "string") return;
    const clean = cleanSecret(secret);
    if (clean !== secret && clean !== "") {
      const ok = attempt({ secret: secretOf(i, clean) }).signed;
      confirmed ||= ok;
      add({ code: "secret_whitespace", confirmed: ok,
        message: `${which(i)} has whitespace, a newline or quotes around it${ok ? "; without them the delivery verifies" : ""} (a secret read from a file or an env var with a trailing newline, or copied with quotes)`,
        fix: "remove the surrounding whitespace/quotes (e.g. SMSHOOK_SECRET=\"$(tr -d '\\n' < secret.txt)\", or secret.trim())" });
    }
    const prefix = SECRET_PREFIX[provider];
    if (prefix !== undefined && !clean.startsWith(prefix) && clean !== "") {
      const ok = attempt({ secret: secretOf(i, prefix + clean) }).signed;
      confirmed ||= ok;
      if (ok || code === "invalid_secret" || provider === "textus") {
        add({ code: "secret_prefix_missing", confirmed: ok,
          message: `${name(provider)} secrets start with ${prefix} and ${which(i)} does not${ok ? `; with ${prefix} in front the delivery verifies` : ""}`,
          fix: `use the secret exactly as ${name(provider)} shows it, ${prefix} included` });
      }
    }
    if (provider !== "standard" && clean.startsWith("whsec_")) {
      const ok = attempt({ secret: secretOf(i, clean.slice(6)) }).signed;
      const asStandard = !ok && detected === "standard" && attempt({ provider: "standard", secret: secretOf(i, clean) }).signed;
      confirmed ||= ok || asStandard;
      add({ code: asStandard ? "wrong_provider" : "secret_prefix_extra", confirmed: ok || asStandard,
        message: asStandard
          ? "this is a Standard Webhooks delivery (a whsec_ secret and webhook-* headers, e.g. forwarded by smshook's Worker): it verifies as standard"
          : `${which(i)} starts with whsec_, the Standard Webhooks prefix, which ${name(provider)} secrets do not have${ok ? "; without it the delivery verifies" : ""}`,
        fix: asStandard ? "set provider: \"standard\"" : `use ${name(provider)}'s own secret, without whsec_ (whsec_ secrets are for provider "standard")` });
    }
  });
  if (confirmed) return;
  // The provider's signature scheme (PROVIDERS), not its name, says what is signed: a
  // jwt-hs256 token does not cover the body (vonage's jwt-hs256-body-hash does), and an
  // ed25519 scheme verifies with a public key.
  const scheme = ctx.info(provider)?.scheme ?? "";
  const publicKey = /^ed25519/.test(scheme);
  const bodyUnsigned = scheme === "jwt-hs256";
  if (code === "invalid_secret") {
    if (publicKey) add(TELNYX_KEY);
    return;
  }
  if (!bodyUnsigned) checkBody(ctx);
  if (ctx.findings.some((f) => f.confirmed)) return;
  if (/url/.test(scheme) && typeof base.url === "string") checkUrl(ctx);
  if (ctx.findings.some((f) => f.confirmed)) return;
  if (publicKey) {
    add(TELNYX_KEY);
  } else if (code === "signature_mismatch") {
    const what = bodyUnsigned ? "the token does not verify with this signing key" : `no variant of the body${/url/.test(scheme) ? ", the URL" : ""} or the secret verifies`;
    add({ code: "secret_wrong", message: `${what}: the likeliest cause is a different secret (another webhook endpoint, account, sub-account or test mode)`, fix: `copy the secret again from ${name(provider)}'s settings for this very webhook` });
  }
  // The compact-JSON hint is weaker than a wrong secret: it goes last.
  const hint = ctx.findings.findIndex((f) => f.compactHint);
  if (hint >= 0) ctx.findings.push(...ctx.findings.splice(hint, 1));
}
