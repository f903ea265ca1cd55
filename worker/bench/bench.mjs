// `make bench` (Worker part): the overhead of the smshook Worker (read, verify, normalize,
// re-sign, forward) over a pass-through Worker (bench/passthrough.js: read, forward, answer)
// in workerd itself, through Miniflare 4 with no `wrangler dev` proxy in front. Each Worker
// runs in its own Miniflare (its own workerd process, so that process's CPU is its own),
// both forward to one loopback receiver (node:http, keep-alive), and each request is a
// signed 1 KB textbee delivery with its own idempotency key.
//
// Measured in rounds of blocks whose order alternates (smshook, pass-through, a second
// pass-through; then reversed), sequential requests over one keep-alive connection each:
// per-request latency (median over blocks of each block's p50 and p99), workerd CPU per
// request (/proc/<pid>/task/*/schedstat, ns), the receiver connections each side opens; the
// second pass-through gives an A/A ratio, the harness's own noise, from the same rounds.
// Then the same through Miniflare's dispatchFetch, a breakdown (request kinds that stop
// earlier, pass-through variants), and cold start (new Miniflare to first answers). Prints
// the targets next to the figures, met or missed; a missed target never fails the
// run, a failed request or an unexpected status does (exit 1).
//
//   node bench/bench.mjs            about a minute (well under 3)
//   node bench/bench.mjs --quick    under 40 s, for development
// BENCH_BLOCKS, BENCH_REQUESTS, BENCH_COLD override the main comparison's rounds, its
// requests per block and the cold-start repetitions per side.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createHmac } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const here = path.dirname(fileURLToPath(import.meta.url));
const workerDir = path.join(here, "..");
const QUICK = process.argv.includes("--quick");
const envInt = (name, fallback) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const S = {
  warmup: QUICK ? 150 : 400, // requests per instance before any block
  blocks: envInt("BENCH_BLOCKS", QUICK ? 4 : 20), // rounds of the main (keep-alive) comparison
  requests: envInt("BENCH_REQUESTS", QUICK ? 150 : 400), // requests per block
  dispatchBlocks: QUICK ? 2 : 6,
  dispatchRequests: QUICK ? 80 : 300,
  diagBlocks: QUICK ? 2 : 8,
  diagRequests: QUICK ? 80 : 300,
  cold: envInt("BENCH_COLD", QUICK ? 2 : 7), // repetitions per side and kind
};
const REQUEST_TIMEOUT_MS = 10_000;
// A hang guard, not a timing threshold: no loop here is unbounded, but a wedged runtime
// must not hold `make bench` forever.
const HANG_GUARD_MS = QUICK ? 120_000 : 600_000;
const hangGuard = setTimeout(() => {
  console.error(`bench: still running after ${HANG_GUARD_MS / 1000} s, giving up (hang guard)`);
  for (const pid of workerdChildren()) {
    try {
      process.kill(pid, "SIGKILL"); // only this process's own workerd children
    } catch {}
  }
  process.exit(2);
}, HANG_GUARD_MS);
hangGuard.unref();

const TEXTBEE_SECRET = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b"; // textbee: at least 20 chars
const FORWARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const DEV_NOW_MS = "1767225600000"; // 2026-01-01T00:00:00Z: a fixed clock for the forwards
const BODY_BYTES = 1024;
const TARGETS = { p50: 1.1, cpu: 1.2, cold: 1.3 };

// ------------------------------------------------------------------ deliveries
const runId = Date.now().toString(36);
let seq = 0;
/** A signed textbee delivery of exactly BODY_BYTES bytes, with a fresh idempotency key. */
function delivery() {
  const n = seq++;
  const fields = {
    smsId: `sms-${runId}-${n}`,
    message: "",
    webhookEvent: "MESSAGE_RECEIVED",
    idempotencyKey: `bench-${runId}-${n}`,
    sender: "+15551234567",
    receivedAt: "2026-01-01T00:00:00.000Z",
  };
  const room = BODY_BYTES - JSON.stringify(fields).length;
  fields.message = "Benchmark message text, padded to one kilobyte. ".repeat(30).slice(0, room);
  const body = JSON.stringify(fields);
  if (Buffer.byteLength(body) !== BODY_BYTES) throw new Error("delivery is not 1 KB");
  const signature = createHmac("sha256", TEXTBEE_SECRET).update(body).digest("hex");
  const headers = { "content-type": "application/json", "x-signature": signature };
  return { body, headers, httpHeaders: { ...headers, "content-length": String(BODY_BYTES) } };
}

// ------------------------------------------------------------------ the receiver
/**
 * The loopback receiver both Workers forward to. Each Worker gets its own path, so every
 * forward is attributed; a block records the requests and the connections it saw.
 */
async function startReceiver() {
  const rx = { server: null, url: "", connections: 0, bad: [], block: null };
  const ids = new WeakMap();
  let nextId = 0;
  rx.server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const tag = req.url;
      const smshook = tag.startsWith("/smshook");
      const ok = smshook
        ? Boolean(req.headers["webhook-signature"] && req.headers["webhook-id"]) && body[0] === 0x7b
        : body.length === BODY_BYTES;
      if (!ok && rx.bad.length < 5) rx.bad.push(`${tag}: unexpected forward (${body.length} bytes)`);
      const b = rx.block;
      if (b) {
        b.requests++;
        b.sockets.add(ids.get(req.socket));
        if (tag !== b.tag && b.stray.length < 3) b.stray.push(tag);
      }
      res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
      res.end("ok");
    });
  });
  rx.server.on("connection", (socket) => {
    ids.set(socket, ++nextId);
    rx.connections++;
    if (rx.block) rx.block.newConnections++;
  });
  // Never the one to close an idle connection first: reuse is the Worker's choice.
  rx.server.keepAliveTimeout = 120_000;
  rx.begin = (tag) => {
    rx.block = { tag, requests: 0, sockets: new Set(), newConnections: 0, stray: [] };
  };
  rx.end = () => {
    const b = rx.block;
    rx.block = null;
    return b;
  };
  await new Promise((r) => rx.server.listen(0, "127.0.0.1", r));
  rx.url = `http://127.0.0.1:${rx.server.address().port}`;
  return rx;
}

// ------------------------------------------------------------------ workerd processes
/** The parent pid and command name of a process, from /proc/<pid>/stat. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" "); // fields[0] is state (field 3)
    return { comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
/** The pids of this process's `workerd` children. */
function workerdChildren() {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStat(entry);
    if (s && s.ppid === process.pid && s.comm === "workerd") pids.push(Number(entry));
  }
  return pids;
}
const CLK_TCK = 100;
/**
 * CPU time of a process in ns: the sum of its threads' schedstat run time (ns precision),
 * or utime + stime (10 ms ticks) where schedstat is unavailable. Both include every thread.
 */
function cpuNs(pid) {
  try {
    let sum = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    }
    if (sum > 0) return sum;
  } catch {}
  const s = procStat(pid);
  return s ? (s.ticks * 1e9) / CLK_TCK : NaN;
}
const cpuSource = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) > 0
      ? "schedstat (ns)"
      : "stat ticks (10 ms)";
  } catch {
    return "stat ticks (10 ms)";
  }
};

// ------------------------------------------------------------------ the Workers
// The build as it is when the run starts, copied aside: every instance of one run loads
// the same bytes even if `make worker-build` rewrites worker/build/ meanwhile.
const buildDir = path.join(workerDir, "build");
const snapshot = mkdtempSync(path.join(os.tmpdir(), "smshook-bench-"));
for (const f of ["index.js", "index_bg.wasm"]) copyFileSync(path.join(buildDir, f), path.join(snapshot, f));
const wasmInfo = (() => {
  const st = statSync(path.join(buildDir, "index_bg.wasm"));
  return `${st.size} bytes, built ${st.mtime.toISOString().slice(0, 19)}Z`;
})();

/**
 * workerd's stdout and stderr, drained (a full pipe would stall workerd) and counted per
 * instance: smshook logs a line per delivery, which is part of its cost.
 */
const stderrLines = [];
function stdio(counter) {
  return (stdout, stderr) => {
    stdout.on("data", (chunk) => {
      counter.bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) counter.lines++;
    });
    stderr.on("data", (chunk) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() && stderrLines.length < 10) stderrLines.push(line.slice(0, 300));
      }
    });
  };
}

const smshookOptions = (forwardUrl) => ({
  modules: true,
  scriptPath: path.join(snapshot, "index.js"),
  modulesRoot: snapshot,
  modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2026-08-01",
  bindings: {
    FORWARD_URL: forwardUrl,
    FORWARD_SECRET,
    ALLOW_INSECURE_FORWARD: "true",
    TEXTBEE_SECRET,
    DEV_NOW_MS,
  },
});
const passthroughOptions = (forwardUrl, { readAnswer = true, logLine = false } = {}) => ({
  modules: true,
  scriptPath: path.join(here, "passthrough.js"),
  modulesRoot: here,
  compatibilityDate: "2026-08-01",
  bindings: { FORWARD_URL: forwardUrl, READ_ANSWER: String(readAnswer), LOG_LINE: String(logLine) },
});

const open = new Set();
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
/** A Worker in its own Miniflare (so its own workerd), with its workerd pid. */
async function startSide(name, options, tag) {
  const before = new Set(workerdChildren());
  const log = { lines: 0, bytes: 0 };
  const mf = new Miniflare({ ...options, host: "127.0.0.1", port: 0, cf: false, handleRuntimeStdio: stdio(log) });
  open.add(mf);
  const url = await mf.ready;
  const pids = workerdChildren().filter((p) => !before.has(p));
  if (pids.length !== 1) throw new Error(`${name}: found ${pids.length} new workerd processes`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 60_000 });
  return {
    name,
    tag,
    request: "delivery",
    mf,
    pid: pids[0],
    agent,
    log,
    url: new URL("/webhooks/textbee", url),
    base: url,
    async close() {
      agent.destroy();
      open.delete(mf);
      await mf.dispose();
    },
  };
}

/** One request over the side's keep-alive agent: `{ status, body, socket }`. */
function httpRequest(agent, url, { method = "POST", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    let socket;
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8"), socket }));
    });
    req.on("socket", (s) => (socket = s));
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

class RequestFailed extends Error {}
function expect200(side, status, body, want = 200) {
  if (status !== want) throw new RequestFailed(`${side}: answered ${status} ${body.slice(0, 200)} (expected ${want})`);
}

/**
 * What a side sends: `delivery` (a signed delivery, 200 after the forward), `healthz`
 * (GET /healthz, 200, no I/O) or `badsig` (a delivery with a wrong signature: read and
 * verified, refused 401, not forwarded).
 */
function requestOf(side, d) {
  if (side.request === "healthz") return { url: new URL("/healthz", side.base), method: "GET", status: 200 };
  const wrong = side.request === "badsig";
  const sig = wrong ? "0".repeat(64) : d.headers["x-signature"];
  return {
    url: side.url,
    method: "POST",
    status: wrong ? 401 : 200,
    headers: { ...d.headers, "x-signature": sig },
    httpHeaders: { ...d.httpHeaders, "x-signature": sig },
    body: d.body,
  };
}

/** Sends one request to a side, over HTTP or dispatchFetch; returns the latency in ms. */
async function send(side, d, via, clientSockets) {
  const q = requestOf(side, d);
  const t0 = now();
  if (via === "http") {
    const r = await httpRequest(side.agent, q.url, { method: q.method, headers: q.httpHeaders, body: q.body });
    const ms = now() - t0;
    expect200(side.name, r.status, r.body, q.status);
    clientSockets?.add(r.socket);
    return ms;
  }
  const res = await side.mf.dispatchFetch(q.url, { method: q.method, headers: q.headers, body: q.body });
  const text = await res.text();
  const ms = now() - t0;
  expect200(side.name, res.status, text, q.status);
  return ms;
}

// ------------------------------------------------------------------ statistics
const sorted = (xs) => Float64Array.from(xs).sort();
/** Nearest-rank percentile of a sorted array. */
const pct = (s, p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One block: `n` sequential deliveries to one side, with its latency, CPU and connections. */
async function block(side, n, via) {
  const ds = Array.from({ length: n }, delivery);
  const lat = new Float64Array(n);
  const clientSockets = new Set();
  rx.begin(side.tag);
  const log0 = side.log.lines;
  const cpu0 = cpuNs(side.pid);
  const t0 = now();
  for (let i = 0; i < n; i++) lat[i] = await send(side, ds[i], via, clientSockets);
  const wall = now() - t0;
  const cpu1 = cpuNs(side.pid);
  const r = rx.end();
  await new Promise((resolve) => setImmediate(resolve)); // the block's last log lines
  const logLines = (side.log.lines - log0) / n;
  const forwards = side.request === "delivery" ? n : 0;
  if (r.requests !== forwards) throw new RequestFailed(`${side.name}: ${n} answered, ${forwards} forwards expected, the receiver got ${r.requests}`);
  if (r.stray.length) throw new RequestFailed(`${side.name}: forwards arrived for ${r.stray.join(", ")}`);
  const s = sorted(lat);
  return {
    p50: pct(s, 0.5),
    p99: pct(s, 0.99),
    mean: lat.reduce((a, b) => a + b, 0) / n,
    cpuUs: (cpu1 - cpu0) / 1e3 / n,
    rps: (n / wall) * 1e3,
    rxSockets: r.sockets.size,
    rxNew: r.newConnections,
    clientSockets: clientSockets.size,
    logLines,
  };
}

/**
 * Rotating blocks (A B C, C B A, A B C …) over several sides: per side, medians over its
 * blocks, and its blocks' raw figures (for per-round ratios).
 */
async function rotate(list, blocks, n, via) {
  const runs = new Map(list.map((side) => [side, []]));
  for (let i = 0; i < blocks; i++) {
    for (const side of i % 2 ? [...list].reverse() : list) runs.get(side).push(await block(side, n, via));
  }
  return list.map((side) => {
    const rs = runs.get(side);
    const m = (k) => median(rs.map((r) => r[k]));
    return {
      name: side.name,
      runs: rs,
      p50: m("p50"),
      p99: m("p99"),
      mean: m("mean"),
      cpuUs: m("cpuUs"),
      rps: m("rps"),
      rxSockets: m("rxSockets"),
      rxNew: rs.reduce((t, r) => t + r.rxNew, 0),
      requests: rs.length * n,
      clientSockets: Math.max(...rs.map((r) => r.clientSockets)),
      logLines: m("logLines"),
      blockSize: n,
    };
  });
}

/** The ratio a / b of two rotated sides' medians, and its spread over rounds (block i of each). */
function pair(A, B) {
  const per = (k) => A.runs.map((r, i) => r[k] / B.runs[i][k]);
  const spread = (xs) => [Math.min(...xs), Math.max(...xs)];
  return {
    a: A,
    b: B,
    ratio: { p50: A.p50 / B.p50, p99: A.p99 / B.p99, cpu: A.cpuUs / B.cpuUs, mean: A.mean / B.mean },
    spread: { p50: spread(per("p50")), cpu: spread(per("cpuUs")) },
  };
}

// ------------------------------------------------------------------ cold start
/**
 * A new Miniflare to first answer. `probe`: GET /healthz first (splitting workerd's start,
 * which compiles and instantiates the wasm, from the first request and the first verify);
 * otherwise the first request is the delivery.
 */
async function coldOnce(kind, probe) {
  const tag = `/${kind}/cold`;
  const options = kind === "smshook" ? smshookOptions(rx.url + tag) : passthroughOptions(rx.url + tag);
  const before = new Set(workerdChildren());
  const node0 = process.cpuUsage();
  const t0 = now();
  const mf = new Miniflare({ ...options, host: "127.0.0.1", port: 0, cf: false, handleRuntimeStdio: stdio({ lines: 0, bytes: 0 }) });
  open.add(mf);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = await mf.ready;
    const ready = now() - t0;
    const nodeUsage = process.cpuUsage(node0);
    const nodeReady = (nodeUsage.user + nodeUsage.system) / 1e3; // this process's CPU until ready, ms
    const pid = workerdChildren().find((p) => !before.has(p));
    const cpu = () => (pid ? cpuNs(pid) / 1e6 : NaN); // workerd's CPU since its spawn, ms
    const cpuReady = cpu();
    let health = NaN;
    let cpuHealth = NaN;
    if (probe) {
      const r = await httpRequest(agent, new URL("/healthz", base), { method: "GET" });
      expect200(`${kind} /healthz`, r.status, r.body);
      health = now() - t0;
      cpuHealth = cpu();
    }
    const url = new URL("/webhooks/textbee", base);
    const d1 = delivery();
    const r1 = await httpRequest(agent, url, { headers: d1.httpHeaders, body: d1.body });
    const first = now() - t0;
    expect200(`${kind} first delivery`, r1.status, r1.body);
    const cpuMs = cpu(); // workerd's CPU from spawn to the first delivery's answer
    const d2 = delivery();
    const t2 = now();
    const r2 = await httpRequest(agent, url, { headers: d2.httpHeaders, body: d2.body });
    const second = now() - t2;
    expect200(`${kind} second delivery`, r2.status, r2.body);
    return { ready, health, first, second, cpuMs, cpuReady, cpuHealth, nodeReady };
  } finally {
    agent.destroy();
    open.delete(mf);
    await mf.dispose();
  }
}

async function cold(reps) {
  await coldOnce("pass-through", false); // warm-up, discarded: Node's first Miniflare and file cache
  await coldOnce("smshook", false);
  const out = {};
  for (const kind of ["smshook", "pass-through"]) for (const probe of [false, true]) out[`${kind}:${probe}`] = [];
  for (let i = 0; i < reps; i++) {
    for (const probe of i % 2 ? [true, false] : [false, true]) {
      for (const kind of i % 2 ? ["pass-through", "smshook"] : ["smshook", "pass-through"]) {
        out[`${kind}:${probe}`].push(await coldOnce(kind, probe));
      }
    }
  }
  const m = (kind, probe, k) => median(out[`${kind}:${probe}`].map((r) => r[k]));
  const row = (kind) => ({
    first: m(kind, false, "first"),
    cpuMs: m(kind, false, "cpuMs"),
    ready: m(kind, true, "ready"),
    health: m(kind, true, "health"),
    firstAfterProbe: m(kind, true, "first"),
    second: m(kind, true, "second"),
    cpuReady: m(kind, true, "cpuReady"),
    nodeReady: m(kind, true, "nodeReady"),
    cpuHealth: m(kind, true, "cpuHealth"),
    cpuFirstAfterProbe: m(kind, true, "cpuMs"),
  });
  const pairs = out["smshook:false"].map((r, i) => r.first / out["pass-through:false"][i].first);
  return { smshook: row("smshook"), passthrough: row("pass-through"), spread: [Math.min(...pairs), Math.max(...pairs)] };
}

// ------------------------------------------------------------------ output
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : "n/a");
const fx = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "n/a");
const range = ([lo, hi]) => `${lo.toFixed(2)}-${hi.toFixed(2)}`;
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  console.log(line(all[0]));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of all.slice(1)) console.log(line(r));
}
/** A table of rotated sides, then a ratio row per pair `[label, pair(a, b)]`. */
function printRotation(title, rows, pairs) {
  console.log(`\n${title}`);
  const header = ["", "p50 ms", "p99 ms", "mean ms", "req/s", "workerd CPU us/req", "receiver conns/block", "new conns/requests", "log lines/req"];
  const row = (s) => [
    s.name, f1(s.p50), f1(s.p99), f1(s.mean), s.rps.toFixed(0), f1(s.cpuUs),
    `${s.rxSockets}/${s.blockSize}`, `${s.rxNew}/${s.requests}`, s.logLines.toFixed(2),
  ];
  const ratio = ([label, c]) => [label, fx(c.ratio.p50), fx(c.ratio.p99), fx(c.ratio.mean), "", fx(c.ratio.cpu), "", "", ""];
  table(header, [...rows.map(row), ...pairs.map(ratio)]);
  for (const [label, c] of pairs) console.log(`${label}, per-round range: p50 ${range(c.spread.p50)}, CPU ${range(c.spread.cpu)}`);
}

// ------------------------------------------------------------------ the machine
/** Busy CPU time of the whole machine (all cores), in clock ticks, from /proc/stat. */
function machineBusyTicks() {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0); // user nice system irq softirq steal
  } catch {
    return NaN;
  }
}
/** This process's CPU and its reaped children's (every workerd, once disposed), in ticks. */
function ownTicks() {
  const f = readFileSync("/proc/self/stat", "utf8");
  const fields = f.slice(f.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
}

// ------------------------------------------------------------------ run
let rx;
const sides = [];
const started = now();
const busy0 = machineBusyTicks();
const own0 = ownTicks();
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(path.join(workerDir, "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
};
try {
  console.log(
    `Worker bench in workerd via Miniflare ${version("miniflare")} (workerd ${version("workerd")}), node ${process.version}, ` +
      `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, load ${load()}${QUICK ? ", --quick" : ""}`,
  );
  console.log(`smshook build: worker/build/index_bg.wasm ${wasmInfo} (a copy of worker/build/ taken at start is what runs)`);
  rx = await startReceiver();
  const smshook = await startSide("smshook", smshookOptions(`${rx.url}/smshook`), "/smshook");
  sides.push(smshook);
  const pass = await startSide("pass-through", passthroughOptions(`${rx.url}/pass-a`), "/pass-a");
  sides.push(pass);
  const passB = await startSide("pass-through B", passthroughOptions(`${rx.url}/pass-b`), "/pass-b");
  sides.push(passB);
  const passNoRead = await startSide("pass-through, answer unread", passthroughOptions(`${rx.url}/pass-noread`, { readAnswer: false }), "/pass-noread");
  sides.push(passNoRead);
  const passLog = await startSide("pass-through + a log line", passthroughOptions(`${rx.url}/pass-log`, { logLine: true }), "/pass-log");
  sides.push(passLog);
  console.log(
    `1 KB signed textbee deliveries, sequential, one keep-alive client connection per side; ` +
      `workerd CPU from ${cpuSource(smshook.pid)}; each Worker in its own workerd (pids ${sides.map((s) => s.pid).join(", ")})`,
  );

  // The first answers: a 503 here is a configuration refusal (see src/config.rs).
  const health = await httpRequest(smshook.agent, new URL("/healthz", smshook.base), { method: "GET" });
  expect200("smshook /healthz", health.status, health.body);
  for (const side of sides) for (let i = 0; i < S.warmup; i++) await send(side, delivery(), "http");
  for (let i = 0; i < S.warmup / 4; i++) for (const side of [smshook, pass]) await send(side, delivery(), "dispatch");

  // A/B and A/A in the same rounds (smshook, pass-through, pass-through B; then reversed),
  // so the noise figure is measured under the very conditions of the comparison.
  const main = await rotate([smshook, pass, passB], S.blocks, S.requests, "http");
  const ab = pair(main[0], main[1]);
  const aa = pair(main[2], main[1]);
  printRotation(
    `Keep-alive HTTP client to Miniflare's socket: ${S.blocks} rounds of one ${S.requests}-request block per instance, order alternating (medians over blocks)`,
    main,
    [["A/B smshook / pass-through", ab], ["A/A pass-through B / pass-through", aa]],
  );
  const dfRows = await rotate([smshook, pass], S.dispatchBlocks, S.dispatchRequests, "dispatch");
  const df = pair(dfRows[0], dfRows[1]);
  printRotation(
    `The same through mf.dispatchFetch (undici in this process): ${S.dispatchBlocks} rounds of ${S.dispatchRequests}`,
    dfRows,
    [["A/B smshook / pass-through", df]],
  );
  // Where the time goes: request kinds that stop earlier, on the same instances (views
  // sharing the instance, its agent and its pid), and pass-through variants.
  const view = (side, name, request) => ({ ...side, name, request });
  const smHealth = view(smshook, "smshook GET /healthz", "healthz");
  const smBad = view(smshook, "smshook bad signature (401)", "badsig");
  const ptHealth = view(pass, "pass-through GET /healthz", "healthz");
  const parts = await rotate([smshook, smBad, smHealth, ptHealth, pass, passNoRead, passLog], S.diagBlocks, S.diagRequests, "http");
  // (Noisier than the main comparison: fewer, shorter blocks; differences of a few tens of us are noise.)
  const [pSm, pBad, pSmH, pPtH, pPt, pNoRead, pLog] = parts;
  console.log(`\nWhere the time goes: ${S.diagBlocks} rotating blocks of ${S.diagRequests} per row, keep-alive HTTP (medians)`);
  table(
    ["", "p50 ms", "workerd CPU us/req", "receiver conns/block", "log lines/req"],
    parts.map((r) => [r.name, f1(r.p50), f1(r.cpuUs), `${r.rxSockets}/${r.blockSize}`, r.logLines.toFixed(2)]),
  );
  const d = (a, b) => `${f1(a.p50 - b.p50)} ms p50, ${f1(a.cpuUs - b.cpuUs)} us CPU`;
  console.log(`  wasm entry and glue (smshook /healthz - pass-through /healthz):      ${d(pSmH, pPtH)}`);
  console.log(`  read body + verify + refusal + its log line (401 - smshook /healthz): ${d(pBad, pSmH)}`);
  console.log(`  normalize, sign, forward, log (smshook delivery - 401):             ${d(pSm, pBad)}`);
  console.log(`  the pass-through's forward (delivery - its /healthz):               ${d(pPt, pPtH)}`);
  console.log(`  a new receiver connection per request (answer unread - pass-through): ${d(pNoRead, pPt)}`);
  console.log(`  one console.log line per request (+ a log line - pass-through):       ${d(pLog, pPt)}`);
  console.log(`\nReceiver connections: ${rx.connections} accepted in all (keep-alive, never closed by the receiver).`);
  for (const c of [ab.a, ab.b, pNoRead]) {
    const reused = c.rxNew <= 1 ? "reuses one connection" : c.rxNew >= c.requests * 0.9 ? "opens a new connection per request" : `opens ${c.rxNew} for ${c.requests} requests`;
    console.log(`  ${c.name}: ${reused} (median ${c.rxSockets} distinct receiver connection(s) per block of ${c.blockSize}; client connections to workerd per block: ${c.clientSockets})`);
  }
  for (const side of sides) await side.close();
  sides.length = 0;

  const cs = await cold(S.cold);
  const P = cs.smshook;
  const Q = cs.passthrough;
  console.log(`\nCold start: a new Miniflare (spawns workerd) to answers, ${S.cold} repetitions per side and kind, alternating (medians), ms`);
  const coldRow = (name, r) => [
    name, f1(r.first), f1(r.ready), f1(r.health - r.ready), f1(r.firstAfterProbe - r.health), f1(r.second),
    f1(r.cpuMs), f1(r.cpuReady), f1(r.cpuHealth - r.cpuReady), f1(r.cpuFirstAfterProbe - r.cpuHealth), f1(r.nodeReady),
  ];
  const q = (a, b) => fx(a / b);
  table(
    ["", "to 1st delivery", "ready", "+ /healthz", "+ 1st delivery", "2nd delivery", "CPU to 1st delivery", "CPU at ready", "+ /healthz", "+ 1st delivery", "node CPU to ready"],
    [
      coldRow("smshook", P),
      coldRow("pass-through", Q),
      [
        "ratio", q(P.first, Q.first), q(P.ready, Q.ready), q(P.health - P.ready, Q.health - Q.ready),
        q(P.firstAfterProbe - P.health, Q.firstAfterProbe - Q.health), q(P.second, Q.second),
        q(P.cpuMs, Q.cpuMs), q(P.cpuReady, Q.cpuReady), q(P.cpuHealth - P.cpuReady, Q.cpuHealth - Q.cpuReady),
        q(P.cpuFirstAfterProbe - P.cpuHealth, Q.cpuFirstAfterProbe - Q.cpuHealth), q(P.nodeReady, Q.nodeReady),
      ],
    ],
  );
  console.log(
    `"to 1st delivery": construction to the first delivery's 200, nothing before it; the split comes from separate runs that ` +
      `probe GET /healthz first: "ready" = construction to mf.ready (workerd spawned and listening, the Worker's modules loaded), ` +
      `"+ /healthz" = the first request (no verify, no I/O), "+ 1st delivery" = the first verify + forward. ` +
      `CPU columns: the new workerd's CPU since its spawn; "node CPU to ready": this process's (Miniflare building the config, ` +
      `which carries the wasm).`,
  );
  console.log(
    `smshook minus pass-through: ${f1(P.ready - Q.ready)} ms wall / ${f1(P.cpuReady - Q.cpuReady)} ms workerd CPU / ` +
      `${f1(P.nodeReady - Q.nodeReady)} ms node CPU until ready (index.js + wasm), ` +
      `${f1(P.health - P.ready - (Q.health - Q.ready))} / ${f1(P.cpuHealth - P.cpuReady - (Q.cpuHealth - Q.cpuReady))} ms on the first request, ` +
      `${f1(P.firstAfterProbe - P.health - (Q.firstAfterProbe - Q.health))} / ${f1(P.cpuFirstAfterProbe - P.cpuHealth - (Q.cpuFirstAfterProbe - Q.cpuHealth))} ms on the first verify + forward.`,
  );

  if (rx.bad.length) throw new RequestFailed(`receiver: ${rx.bad.join("; ")}`);

  const verdict = (x, t) => (x <= t ? "met" : "missed");
  const coldRatio = cs.smshook.first / cs.passthrough.first;
  console.log(`\nTargets (smshook / pass-through, keep-alive client; A/A = the same figure between two pass-through instances, same rounds)`);
  table(
    ["target", "goal", "measured", "per-round range", "A/A", "result"],
    [
      ["p50 latency", `<= ${fx(TARGETS.p50)}`, fx(ab.ratio.p50), range(ab.spread.p50), fx(aa.ratio.p50), verdict(ab.ratio.p50, TARGETS.p50)],
      ["workerd CPU per request", `<= ${fx(TARGETS.cpu)}`, fx(ab.ratio.cpu), range(ab.spread.cpu), fx(aa.ratio.cpu), verdict(ab.ratio.cpu, TARGETS.cpu)],
      ["cold start (to 1st delivery)", `<= ${fx(TARGETS.cold)}`, fx(coldRatio), range(cs.spread), "", verdict(coldRatio, TARGETS.cold)],
    ],
  );
  console.log(`(p99 ${fx(ab.ratio.p99)}, dispatchFetch p50 ${fx(df.ratio.p50)} and CPU ${fx(df.ratio.cpu)}; no target fails the run)`);
  const seconds = (now() - started) / 1000;
  const others = Math.max(0, (machineBusyTicks() - busy0 - (ownTicks() - own0)) / CLK_TCK); // ±1 tick per core
  console.log(
    `\n${seconds.toFixed(0)} s, load ${load()}; other processes used ${others.toFixed(1)} CPU-s meanwhile ` +
      `(${((others / seconds) * 100).toFixed(0)}% of one of the ${os.cpus().length} cores: figures under contention are noisier)`,
  );
} catch (e) {
  console.error(`\nbench failed: ${e instanceof RequestFailed ? e.message : e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  if (stderrLines.length) console.log(`\nworkerd stderr (first lines):\n  ${stderrLines.join("\n  ")}`);
  for (const side of sides) await side.close().catch(() => {});
  for (const mf of open) await mf.dispose().catch(() => {});
  if (rx) {
    rx.server.closeAllConnections();
    await new Promise((r) => rx.server.close(r));
  }
  rmSync(snapshot, { recursive: true, force: true });
  clearTimeout(hangGuard);
}
