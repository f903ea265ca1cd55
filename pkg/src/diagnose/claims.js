// smshook diagnosis: JWT claims (httpsms claim_mismatch). Reads the token's payload and
// compares its audience and subject with the options.

/** The payload of a JWT in an `Authorization: Bearer` header, or null. */
function jwtClaims(headers) {
  const token = /^bearer\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(headers.authorization ?? "");
  if (token === null) return null;
  try {
    const b64 = token[2].replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "="));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return claims !== null && typeof claims === "object" ? claims : null;
  } catch {
    return null;
  }
}

/** The claims passed: verified, or refused only for the payload. */
const payloadOk = (r) => r.ok || r.error.code === "malformed_payload";

/** httpsms claim_mismatch: compare the token's aud, sub and iss with the options. */
export function checkClaims({ attempt, base, headers, add }) {
  const claims = jwtClaims(headers);
  if (claims === null) return;
  const auds = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  if (typeof base.audience === "string" && !auds.includes(base.audience)) {
    const good = auds.find((a) => typeof a === "string" && payloadOk(attempt({ audience: a })));
    add({ code: "audience_mismatch", confirmed: good !== undefined,
      message: `the token's audience is ${JSON.stringify(claims.aud ?? null)}, not ${JSON.stringify(base.audience)}`,
      fix: good !== undefined ? `set audience: ${JSON.stringify(good)} (the webhook URL configured in httpSMS)` : "set audience to the URL the webhook is configured with in httpSMS" });
  }
  if (typeof base.subject === "string" && claims.sub !== base.subject) {
    const ok = typeof claims.sub === "string" && payloadOk(attempt({ subject: claims.sub }));
    add({ code: "subject_mismatch", confirmed: ok,
      message: `the token's subject (the httpSMS user id) is ${JSON.stringify(claims.sub ?? null)}, not ${JSON.stringify(base.subject)}`,
      fix: "set subject to your httpSMS user id, or drop subject" });
  }
  if (claims.exp === undefined) {
    add({ code: "claim_mismatch", message: "the token has no exp claim, which smshook requires", fix: "this token was not minted by httpSMS" });
  }
}
