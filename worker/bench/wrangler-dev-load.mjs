// The former `make bench` Worker part, kept as an opt-in (not run by `make bench`, which
// measures workerd directly: bench.mjs): the smshook Worker against the pass-through
// Worker, both under `wrangler dev` on loopback, loaded in alternating rounds by
// autocannon with 8 connections. Its figures include wrangler's proxy. Run from worker/:
//   node bench/wrangler-dev-load.mjs
import http from "node:http";
import path from "node:path";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startWranglerDev } from "../demo/wrangler-dev.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const CONNECTIONS = 8;

// A signed textbee delivery (PROVIDERS.md section 7 A): no timestamp, so it stays valid.
const textbee = JSON.parse(readFileSync(path.join(here, "..", "..", "tests", "vectors", "textbee.json"), "utf8"));
const delivery = textbee.cases.find((c) => c.signMatches && c.expect.event && c.body.includes("Hello from textbee"));

const receiver = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200).end("ok"));
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const forwardUrl = `http://127.0.0.1:${receiver.address().port}/receiver`;

const smshook = await startWranglerDev({
  port: 8791,
  vars: {
    FORWARD_URL: forwardUrl,
    FORWARD_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ALLOW_INSECURE_FORWARD: "true",
    TEXTBEE_SECRET: delivery.secret,
  },
});
const passthrough = await startWranglerDev({
  port: 8792,
  config: path.join(here, "wrangler.passthrough.toml"),
  vars: { FORWARD_URL: forwardUrl },
});
const targets = {
  smshook: `${smshook.url}/webhooks/textbee`,
  "pass-through": `${passthrough.url}/webhooks/textbee`,
};

async function load(url) {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers },
    body: delivery.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const runs = { smshook: [], "pass-through": [] };
try {
  await load(targets.smshook); // warm both (first requests compile the wasm)
  await load(targets["pass-through"]);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ["pass-through", "smshook"] : ["smshook", "pass-through"];
    for (const name of order) runs[name].push(await load(targets[name]));
  }
} finally {
  smshook.stop();
  passthrough.stop();
  receiver.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(runs).map(([name, rs]) => [name, {
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
  }]),
);
console.log(`\nWorker under wrangler dev, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (medians)`);
for (const [name, s] of Object.entries(summary)) {
  console.log(`${name.padEnd(13)} ${s.rps.toFixed(0).padStart(6)} req/s   p50 ${s.p50.toFixed(1)} ms   p99 ${s.p99.toFixed(1)} ms`);
}
const ours = summary.smshook;
const base = summary["pass-through"];
console.log(`ratio smshook / pass-through: req/s ${(ours.rps / base.rps).toFixed(2)}x, p50 ${(ours.p50 / base.p50).toFixed(2)}x, p99 ${(ours.p99 / base.p99).toFixed(2)}x (goal: p50 at most 1.10x)`);
