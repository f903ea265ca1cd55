// The generate mode: signs a sample delivery of a provider and event type with sign() at
// the current time, and gives what the verify form needs to check it again.
import { sampleBody, samplesOf } from "../../pkg/dist/samples.js";
import { curlCommand, headerLines } from "./text.js";

/** The providers that have samples, as { id, name } in PROVIDERS order. */
export function sampleProviders(providers) {
  return providers.filter((p) => samplesOf(p.id).length > 0).map((p) => ({ id: p.id, name: p.name }));
}

/** The sample of `provider` whose normalized type is `eventType` (else its first). */
export function findSample(provider, eventType) {
  const samples = samplesOf(provider);
  return samples.find((s) => s.eventType === eventType) ?? samples[0];
}

/**
 * Signs `sample` now with `secret`, posting to `url` (also the JWT audience of a sample
 * that has one, httpsms, when `url` is not empty). Returns { headers, body, url,
 * headerText, curl, verify } where `verify` holds the verify form's values for it (telnyx:
 * the sample's public key, since sign() takes the private seed; for another seed the
 * caller derives its public key, see public-key.js). Throws
 * WebhookVerificationError (e.g. invalid_secret).
 */
export function generate(smshook, sample, secret, url, nowMs = Date.now()) {
  const body = sampleBody(sample, nowMs);
  const options = { ...sample.sign, provider: sample.provider, secret, body, now: nowMs };
  if (sample.signsUrl) options.url = url;
  // httpsms: the token's audience names the target URL (as `smshook send` does).
  if (sample.sign?.audience !== undefined && url !== "") options.audience = url;
  const signed = smshook.sign(options);
  const target = signed.url ?? url;
  const headerText = headerLines(signed.headers);
  const verifySecret = sample.secret === sample.verifySecret ? secret : sample.verifySecret;
  return {
    headers: signed.headers,
    body: signed.body,
    url: target,
    headerText,
    curl: curlCommand(target, signed.headers, signed.body),
    verify: {
      provider: sample.provider,
      secret: verifySecret,
      url: sample.signsUrl ? target : "",
      headers: headerText,
      body: signed.body,
      request: "",
    },
  };
}
