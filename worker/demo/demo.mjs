// `make demo`: runs the smshook Worker under `wrangler dev` (the real workerd) in front of
// a small receiver that verifies every forward as a Standard Webhooks delivery, sends one
// signed sample delivery of every provider through it, and shows what arrived.
// Usage: node demo.mjs <samples.jsonl>   (DEMO_EXIT=1: stop after the samples)
import http from "node:http";
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";
import { startWranglerDev } from "./wrangler-dev.mjs";

const samples = readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => JSON.parse(l));
const PORT = Number(process.env.DEMO_PORT || 8787);
const FORWARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// Each sample names the Worker variables that accept it (`<ID>_SECRET`…).
const SECRETS = Object.assign({}, ...samples.map((s) => s.vars));
const exitAfterSamples = process.env.DEMO_EXIT === "1";

// ------------------------------------------------------------------ the receiver
const received = [];
const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      const event = new Webhook(FORWARD_SECRET).verify(body, req.headers);
      received.push(event);
      res.writeHead(200).end("ok");
    } catch (e) {
      console.log(`receiver: refused a forward: ${e.message}`);
      res.writeHead(401).end("bad signature");
    }
  });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const forwardUrl = `http://127.0.0.1:${receiver.address().port}/receiver`;

// ------------------------------------------------------------------ the Worker
const vars = { FORWARD_URL: forwardUrl, FORWARD_SECRET, ALLOW_INSECURE_FORWARD: "true", ...SECRETS };
let worker;
function stop(code) {
  worker?.stop();
  receiver.closeAllConnections();
  receiver.close();
  process.exit(code);
}
process.on("SIGINT", () => {
  console.log("\nstopping");
  stop(0);
});
try {
  worker = await startWranglerDev({ port: PORT, vars });
} catch (e) {
  console.error(e.message);
  stop(1);
}
const base = worker.url;
console.log(`smshook Worker (wrangler dev, workerd) on ${base}, forwarding to ${forwardUrl}\n`);

// ------------------------------------------------------------------ the samples
let arrived = 0;
for (const sample of samples) {
  const before = received.length;
  // Providers that sign the request URL were signed for the URL they are posted to.
  const res = await fetch(sample.url ?? `${base}/webhooks/${sample.provider}`, {
    method: "POST",
    headers: sample.headers,
    body: sample.body,
  });
  const answer = await res.text();
  const event = received.length > before ? received[received.length - 1] : null;
  if (res.status === 200 && event) arrived++;
  console.log(`${sample.provider.padEnd(13)} Worker → ${res.status} ${answer}`);
  if (event) {
    console.log(`${"".padEnd(13)} receiver got ${event.type} (${event.providerEvent}) id ${event.id}`);
    console.log(`${"".padEnd(13)}   from ${event.from} to ${event.to}: ${JSON.stringify(event.text)} at ${event.occurredAt}`);
  } else {
    console.log(`${"".padEnd(13)} receiver got nothing`);
  }
}
console.log(`\n${arrived} of ${samples.length} samples arrived at the receiver, verified as Standard Webhooks.`);

if (exitAfterSamples) stop(arrived === samples.length ? 0 : 1);

const textbee = samples.find((s) => s.provider === "textbee");
const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;
console.log(`\nThe Worker keeps serving on ${base} (Ctrl-C to stop). Try:`);
console.log(
  `  curl -i -X POST ${base}/webhooks/textbee -H ${quote(`x-signature: ${textbee.headers["X-Signature"]}`)} --data-binary ${quote(textbee.body)}`,
);
setInterval(() => {
  if (received.length > arrived) {
    const e = received[received.length - 1];
    console.log(`receiver got ${e.type} from ${e.provider} id ${e.id}`);
    arrived = received.length;
  }
}, 500);
