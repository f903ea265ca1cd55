// The diagnosis' cost (src/diagnose.js, used by `smshook verify`, `smshook listen` and the
// playground) as a ratio to one verify() of the same delivery, measured in the same run:
// a verified delivery, a wrong secret, a pretty-printed body, a Standard Webhooks delivery
// signed 3 h ago. Usage: node bench/diagnose.mjs [--quick]
import * as smshook from "../src/node.mjs";
import { diagnose } from "../src/diagnose.js";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 50 : 300;
const text = "Hello from smshook ".repeat(48);
const body = JSON.stringify({ event: "sms.received", version: "1", data: { messageId: 1, from: "+14155551234", to: "+12025550100", body: text, receivedAt: "2026-03-01T15:30:00.000Z" } });
const zuc = smshook.sign({ provider: "zuc", secret: "zuc-secret", body });
const standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const old = smshook.sign({ provider: "standard", secret: standardSecret, body, now: Date.now() - 3 * 3600e3 });
const CASES = {
  "verified": { provider: "zuc", secret: "zuc-secret", headers: zuc.headers, body },
  "wrong secret": { provider: "zuc", secret: "another-secret", headers: zuc.headers, body },
  "pretty-printed body": { provider: "zuc", secret: "zuc-secret", headers: zuc.headers, body: JSON.stringify(JSON.parse(body), null, 2) },
  "signed 3 h ago": { provider: "standard", secret: standardSecret, headers: old.headers, body },
};

/** Mean ms per call of `fn` over ROUNDS calls. */
function time(fn) {
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) fn();
  return (performance.now() - start) / ROUNDS;
}
const verifyOnce = (input) => { try { smshook.verify(input); } catch { /* refused: timed all the same */ } };

console.log(`diagnose vs one verify of the same ${body.length}-byte delivery (${ROUNDS} rounds, alternating)`);
for (const [name, input] of Object.entries(CASES)) {
  for (let i = 0; i < 20; i++) { diagnose(smshook, input); verifyOnce(input); }
  let d = 0, v = 0;
  for (let round = 0; round < 3; round++) {
    d += time(() => diagnose(smshook, input));
    v += time(() => verifyOnce(input));
  }
  const result = diagnose(smshook, input);
  const verdict = result.verified ? "verified" : result.code;
  console.log(`  ${name.padEnd(20)} ${verdict.padEnd(27)} ${String(result.calls).padStart(3)} calls  ${(d / 3).toFixed(3)} ms vs ${(v / 3).toFixed(3)} ms  ratio ${(d / v).toFixed(1)}`);
}
