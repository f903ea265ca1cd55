// The `smshook` command-line tool end to end: the real bin spawned (the installed
// tarball's node_modules/.bin/smshook when run by run.sh, else pkg/cli/smshook.mjs), real
// local servers on 127.0.0.1 (listen, a forward receiver), assertions on output and exit
// codes (0 ok, 1 refused / not 2xx, 2 usage, 3 input, 4 network).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PROVIDERS, sign, verify } from "smshook";

const INSTALLED = join(process.cwd(), "node_modules", ".bin", "smshook");
const BIN = existsSync(INSTALLED) ? INSTALLED : fileURLToPath(new URL("../cli/smshook.mjs", import.meta.url));
const PKG = join(dirname(realpathSync(BIN)), "..");
const { samplesOf } = await import(pathToFileURL(join(PKG, "dist", "samples.js")));
const VERSION = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version;
const TMP = mkdtempSync(join(tmpdir(), "smshook-cli-test-"));
const CHILD_TIMEOUT_MS = 60_000;

const children = new Set();
const servers = new Set();
after(async () => {
  for (const child of children) child.kill("SIGKILL");
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(TMP, { recursive: true, force: true });
});

/** The environment of a child: this one without smshook's and colour variables, plus `extra`. */
function envWith(extra = {}) {
  const env = { ...process.env };
  for (const name of ["SMSHOOK_SECRET", "SMSHOOK_FORWARD_SECRET", "FORCE_COLOR", "NO_COLOR"]) delete env[name];
  return { ...env, ...extra };
}

/** Spawns the bin (directly when installed: its shebang is part of what is tested). */
function spawnBin(args, env) {
  const [cmd, argv] = BIN === INSTALLED ? [BIN, args] : [process.execPath, [BIN, ...args]];
  const child = spawn(cmd, argv, { env: envWith(env), stdio: ["pipe", "pipe", "pipe"] });
  children.add(child);
  child.on("close", () => children.delete(child));
  return child;
}

/** Runs the bin to its end: { code, stdout, stderr }. Killed (and failing) after a minute. */
function run(args, { env, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnBin(args, env);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`smshook ${args.join(" ")} did not finish; stderr: ${stderr}`));
    }, CHILD_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}

/** JSON lines of a command's stdout. */
const jsonLines = (text) => text.split("\n").filter(Boolean).map((line) => JSON.parse(line));

/**
 * Starts `smshook listen --port 0 …` and waits for its "listening on" line (stderr with
 * --json, else stdout). Returns { port, url, stop() → { code, stdout, stderr } }.
 */
function listen(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawnBin(["listen", "--port", "0", ...args], env);
    let stdout = "";
    let stderr = "";
    let closed = null;
    const done = new Promise((r) => child.on("close", (code, signal) => { closed = { code, signal, stdout, stderr }; r(closed); }));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`listen did not start; stderr: ${stderr}`));
    }, CHILD_TIMEOUT_MS);
    const look = () => {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/ \(provider ([a-z-]+)\)/.exec(args.includes("--json") ? stderr : stdout);
      if (m === null) return;
      clearTimeout(timer);
      const port = Number(m[1]);
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        stop: async () => {
          if (closed === null) child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
          const result = await done;
          clearTimeout(killer);
          return result;
        },
      });
    };
    child.stdout.setEncoding("utf8").on("data", (d) => { stdout += d; look(); });
    child.stderr.setEncoding("utf8").on("data", (d) => { stderr += d; look(); });
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`listen exited (${code}) before listening; stderr: ${stderr}`));
    });
  });
}

/** A node:http server on 127.0.0.1:0 running `handler(req, body) → [status, text]`; resolves { url, requests, close }. */
async function receiver(handler) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    const [status, text] = handler(req, body);
    res.writeHead(status, { "content-type": "application/json" }).end(text);
  });
  servers.add(server);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    requests,
    close: () => { servers.delete(server); server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

/** A port nothing listens on (one the system gave, then closed). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `smshook secret …` → its JSON ({ provider, secret, verifySecret }). */
async function freshSecret(...args) {
  const { code, stdout } = await run(["secret", ...args, "--json"]);
  assert.equal(code, 0);
  return JSON.parse(stdout);
}

const TEXTBEE_SECRET = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";

// ------------------------------------------------------------------ help and usage

test("the bin under test is the installed tarball's (when run by run.sh)", { skip: !process.env.SMSHOOK_TARBALL }, () => {
  assert.equal(BIN, INSTALLED);
  assert.match(realpathSync(BIN), /node_modules[\\/]smshook[\\/]cli[\\/]smshook\.mjs$/);
  assert.match(readFileSync(BIN, "utf8"), /^#!\/usr\/bin\/env node\n/);
});

test("--help of the tool and of every command: usage, options, examples, exit codes; exit 0", async () => {
  for (const args of [["--help"], ["-h"], ["help"], ["send", "--help"], ["verify", "-h"], ["listen", "--help"], ["secret", "--help"], ["help", "listen"]]) {
    const { code, stdout, stderr } = await run(args);
    assert.equal(code, 0, `${args.join(" ")}: ${stderr}`);
    assert.match(stdout, /^(smshook: |Usage: smshook )/, args.join(" "));
    assert.match(stdout, /Usage: smshook/);
    assert.match(stdout, /Exit codes:[\s\S]*0 {2}ok[\s\S]*1 {2}refused[\s\S]*2 {2}usage error[\s\S]*3 {2}input error[\s\S]*4 {2}network error/, args.join(" "));
    assert.match(stdout, /Examples:/);
    assert.equal(stderr, "");
  }
  for (const command of ["send", "verify", "listen", "secret"]) {
    const { stdout } = await run([command, "--help"]);
    assert.match(stdout, new RegExp(`^Usage: smshook ${command}`), command);
    assert.match(stdout, /--json/);
  }
  const version = await run(["--version"]);
  assert.deepEqual([version.code, version.stdout], [0, `${VERSION}\n`]);
  const tool = (await run(["--help"])).stdout;
  assert.match(tool, /70 internal error/);
  const named = /Providers: ([^.]*)\./.exec(tool)[1].split(/,\s*/);
  assert.deepEqual(named.sort(), PROVIDERS.map((p) => p.id).sort(), "the tool's help names every provider");
});

test("send posts exactly the signed headers (and what HTTP needs: host, content-length, connection)", async () => {
  const app = await receiver(() => [200, "{}"]);
  try {
    const sent = await run(["send", "textbee", app.url, "--secret", TEXTBEE_SECRET]);
    assert.equal(sent.code, 0, sent.stderr);
  } finally {
    await app.close();
  }
  assert.equal(app.requests.length, 1);
  assert.deepEqual(Object.keys(app.requests[0].headers).sort(), ["connection", "content-length", "content-type", "host", "x-signature"]);
});

test("send --dry-run prints the requests as they would go on the wire; verify reads them back", async () => {
  const port = await closedPort(); // nothing is sent: a closed port still succeeds
  const raw = await run(["send", "twilio", `http://127.0.0.1:${port}/sms?a=1`, "--secret", "tw-token", "--event", "message.delivered", "--dry-run"]);
  assert.equal(raw.code, 0, raw.stderr);
  assert.match(raw.stdout, new RegExp(`^POST /sms\\?a=1 HTTP/1\\.1\r\nHost: 127\\.0\\.0\\.1:${port}\r\n`));
  const file = join(TMP, "dry-run.http");
  writeFileSync(file, raw.stdout.replace(/\n$/, ""));
  const checked = await run(["verify", "--provider", "twilio", "--secret", "tw-token", "--request", file, "--url", `http://127.0.0.1:${port}/sms?a=1`, "--json"]);
  assert.equal(checked.code, 0, checked.stdout);
  assert.equal(JSON.parse(checked.stdout).event.type, "message.delivered");
  const all = await run(["send", "textbee", `http://127.0.0.1:${port}/`, "--secret", TEXTBEE_SECRET, "--all", "--dry-run", "--json"]);
  assert.equal(all.code, 0, all.stderr);
  const lines = jsonLines(all.stdout);
  assert.deepEqual(lines.map((l) => l.eventType), samplesOf("textbee").map((s) => s.eventType));
  for (const l of lines) {
    assert.equal(verify({ provider: "textbee", secret: TEXTBEE_SECRET, headers: l.headers, body: l.body }).type, l.eventType);
  }
});

test("usage errors exit 2 with the message and where to read more", async () => {
  const cases = [
    [["bogus"], /^smshook: unknown command "bogus"/, /see smshook --help/],
    [["--bogus"], /^smshook: unknown option --bogus/, /see smshook --help/],
    [["send", "--bogus", "x"], /^smshook: unknown option --bogus/, /see smshook send --help/],
    [["send", "textbee"], /^smshook: missing argument <url>/, /see smshook send --help/],
    [["send", "textbee", "not a url", "--secret", "x"], /^smshook: <url> must be an absolute URL/, /see smshook send --help/],
    [["send", "textbee", "http://127.0.0.1:9/"], /^smshook: missing secret: pass --secret or set SMSHOOK_SECRET/, /see smshook send --help/],
    [["send", "textbee", "http://127.0.0.1:9/", "--secret"], /^smshook: option --secret needs a value/, /send --help/],
    [["verify", "--secret", "x"], /^smshook: pass --request FILE, or both --headers FILE and --body FILE/, /see smshook verify --help/],
    [["verify", "--request", "f", "--now", "soon", "--secret", "x"], /^smshook: --now must be a whole number/, /verify --help/],
    [["listen", "--secret", "x"], /^smshook: missing option --provider/, /see smshook listen --help/],
    [["listen", "--provider", "textbee", "--secret", "x", "--port", "99999"], /^smshook: --port must be a whole number from 0 to 65535/, /listen --help/],
    [["secret", "--standard", "--provider", "zuc"], /^smshook: --standard and --provider/, /see smshook secret --help/],
    [["secret", "--json=yes"], /^smshook: option --json takes no value/, /secret --help/],
  ];
  for (const [args, message, pointer] of cases) {
    const { code, stdout, stderr } = await run(args);
    assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
    assert.match(stderr, message, args.join(" "));
    assert.match(stderr, pointer, args.join(" "));
    assert.equal(stdout, "", args.join(" "));
  }
  const bare = await run([]);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /Usage: smshook <command>/);
});

test("input errors exit 3: unknown provider or event, unreadable file, unparseable capture", async () => {
  const garbage = join(TMP, "garbage.txt");
  writeFileSync(garbage, "this is not an HTTP request\n");
  const cases = [
    [["send", "nope", "http://127.0.0.1:9/", "--secret", "x"], /^smshook: unknown provider "nope" \(one of: textbee, /],
    [["send", "textbee", "http://127.0.0.1:9/", "--secret", TEXTBEE_SECRET, "--event", "message.nope"], /^smshook: no textbee sample for event "message.nope" \(one of: message\.received, MESSAGE_RECEIVED/],
    [["send", "textbee", "http://127.0.0.1:9/", "--secret", "short", "--all"], /^smshook: cannot sign for textbee: invalid_secret/],
    [["send", "textbee", "http://127.0.0.1:9/", "--secret", TEXTBEE_SECRET, "--body", join(TMP, "missing.json")], /^smshook: --body: cannot read .*missing\.json: no such file/],
    [["verify", "--secret", "x", "--request", join(TMP, "missing.txt")], /^smshook: --request: cannot read .*: no such file/],
    [["verify", "--secret", "x", "--request", garbage], /^smshook: --request .*garbage\.txt: /],
    [["verify", "--secret", "x", "--provider", "nope", "--headers", garbage, "--body", garbage], /^smshook: /],
    [["listen", "--provider", "telnyx", "--secret", "not-a-key"], /^smshook: --secret is not a valid telnyx secret: invalid_secret/],
    [["listen", "--provider", "zuc", "--secret", "s", "--forward", "http://127.0.0.1:9/", "--forward-secret", "nope"], /^smshook: --forward-secret must be a Standard Webhooks secret/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await run(args);
    assert.equal(code, 3, `${args.join(" ")}: ${stderr}`);
    assert.match(stderr, message, args.join(" "));
    assert.doesNotMatch(stderr, /see smshook/, "no help pointer for input errors");
  }
});

// ------------------------------------------------------------------ secret

test("secret prints fresh secrets in each provider's format", async () => {
  const standard = await run(["secret", "--standard"]);
  assert.equal(standard.code, 0);
  assert.match(standard.stdout, /^whsec_[A-Za-z0-9+/]{32}\n$/, "whsec_ + base64 of 24 bytes");
  assert.equal(Buffer.from(standard.stdout.trim().slice(6), "base64").length, 24);
  const again = await run(["secret", "--provider", "standard"]);
  assert.match(again.stdout, /^whsec_[A-Za-z0-9+/]{32}\n$/);
  assert.notEqual(again.stdout, standard.stdout, "fresh each time");

  const plain = await run(["secret"]);
  assert.match(plain.stdout, /^[0-9a-f]{64}\n$/, "32 random bytes, hex");
  const textbee = await freshSecret("--provider", "textbee");
  assert.ok(textbee.secret.length >= 20 && textbee.secret === textbee.verifySecret, textbee.secret);
  assert.match((await freshSecret("--provider", "textus")).secret, /^textus-[0-9a-f]{64}$/);
  assert.match((await freshSecret("--provider", "twilio")).secret, /^[0-9a-f]{32}$/);

  const telnyx = await freshSecret("--provider", "telnyx");
  assert.equal(telnyx.provider, "telnyx");
  assert.equal(Buffer.from(telnyx.secret, "base64").length, 32, "the seed");
  assert.equal(Buffer.from(telnyx.verifySecret, "base64").length, 32, "the public key");
  const body = JSON.stringify({ data: { event_type: "message.received", id: "e-1", payload: { id: "m-1", text: "hi", from: { phone_number: "+1" } } } });
  const signed = sign({ provider: "telnyx", secret: telnyx.secret, body });
  assert.equal(verify({ provider: "telnyx", secret: telnyx.verifySecret, headers: signed.headers, body }).id, "e-1", "the pair matches");
  const human = await run(["secret", "--provider", "telnyx"]);
  assert.match(human.stdout, /^seed {8}[A-Za-z0-9+/]{43}=.*\npublic key {2}[A-Za-z0-9+/]{43}=/);
  assert.doesNotMatch(human.stdout, /\x1b\[/, "no colour when not a TTY");
  assert.match((await run(["secret", "--provider", "telnyx"], { env: { FORCE_COLOR: "1" } })).stdout, /\x1b\[1mseed/);
  assert.doesNotMatch((await run(["secret", "--provider", "telnyx"], { env: { FORCE_COLOR: "0" } })).stdout, /\x1b\[/);
});

// ------------------------------------------------------------------ listen + send

/** listen for `provider`, send it every sample; checks every line on both sides. */
async function roundTrip(provider, { sendSecret, listenSecret, path = "/", sendArgs = [], listenArgs = [], env } = {}) {
  const listener = await listen(["--provider", provider, "--secret", listenSecret, "--json", ...listenArgs], env);
  let sent;
  let stopped;
  try {
    sent = await run(["send", provider, `${listener.url}${path}`, "--all", "--json", "--secret", sendSecret, ...sendArgs]);
  } finally {
    stopped = await listener.stop();
  }
  const samples = samplesOf(provider);
  assert.equal(sent.code, 0, `${provider}: send: ${sent.stderr}${sent.stdout}`);
  const answers = jsonLines(sent.stdout);
  assert.deepEqual(answers.map((a) => a.eventType), samples.map((s) => s.eventType), `${provider}: one delivery per sample, in order`);
  for (const a of answers) {
    assert.equal(a.provider, provider);
    assert.deepEqual([a.status, a.ok], [200, true], `${provider} ${a.eventType}: ${a.response}`);
    assert.match(a.response, /^\{"ok":true,"id":/);
  }
  assert.deepEqual([stopped.code, stopped.signal], [0, null], `${provider}: listen closes cleanly on SIGTERM: ${stopped.stderr}`);
  const received = jsonLines(stopped.stdout);
  assert.equal(received.length, samples.length, `${provider}: one line per delivery`);
  received.forEach((r, i) => {
    assert.equal(r.verified, true, `${provider} ${samples[i].eventType}: ${r.code} ${r.message} ${r.finding}`);
    assert.equal(r.type, samples[i].eventType);
    // A standard delivery whose body is a smshook event (what the Worker forwards) is that event.
    if (provider !== "standard") assert.equal(r.provider, provider);
    assert.equal(r.status, 200);
    assert.equal(typeof r.id, "string");
  });
  return { answers, received, stopped };
}

test("listen + send --all: textbee, twilio (URL), telnyx (key pair), httpsms (JWT), standard (secret --standard)", async () => {
  await roundTrip("textbee", { sendSecret: TEXTBEE_SECRET, listenSecret: TEXTBEE_SECRET });
  // Twilio signs the URL: listen verifies http://127.0.0.1:<port> + the path and query.
  await roundTrip("twilio", { sendSecret: "twilio-auth-token", listenSecret: "twilio-auth-token", path: "/sms/in?tenant=a%20b" });
  await roundTrip("plivo", { sendSecret: "plivo-auth-token", listenSecret: "plivo-auth-token", path: "/plivo" });
  const pair = await freshSecret("--provider", "telnyx");
  await roundTrip("telnyx", { sendSecret: pair.secret, listenSecret: pair.verifySecret });
  const key = (await freshSecret("--provider", "httpsms")).secret;
  await roundTrip("httpsms", { sendSecret: key, listenSecret: key, sendArgs: ["--audience", "https://hooks.example/h"], listenArgs: ["--audience", "https://hooks.example/h"] });
  // The secrets may come from the environment; the standard one from `secret --standard`.
  const whsec = (await run(["secret", "--standard"])).stdout.trim();
  const { received, stopped } = await roundTrip("standard", { sendSecret: whsec, listenSecret: whsec, env: { SMSHOOK_SECRET: whsec } });
  assert.ok(received.length >= 2);
  assert.ok(!stopped.stdout.includes(whsec) && !stopped.stderr.includes(whsec), "the secret is never printed");
});

test("listen + send --all for every registered provider, with a fresh secret from `secret --provider`", async () => {
  for (const { id } of PROVIDERS) {
    const fresh = await freshSecret("--provider", id);
    await roundTrip(id, { sendSecret: fresh.secret, listenSecret: fresh.verifySecret, path: `/webhooks/${id}?x=1` });
  }
});

test("listen refuses like the Worker: {\"error\": code} with the code's status; a wrong secret gets the diagnosis", async () => {
  const listener = await listen(["--provider", "textbee", "--secret", TEXTBEE_SECRET, "--json"]);
  let wrong;
  let stopped;
  const statuses = [];
  try {
    const unsigned = await fetch(`${listener.url}/`, { method: "POST", body: "{}" });
    statuses.push([unsigned.status, await unsigned.json()]);
    const get = await fetch(`${listener.url}/`);
    statuses.push([get.status, await get.json()]);
    const health = await fetch(`${listener.url}/healthz`);
    statuses.push([health.status, await health.json()]);
    wrong = await run(["send", "textbee", `${listener.url}/`, "--secret", `${TEXTBEE_SECRET}x`]);
  } finally {
    stopped = await listener.stop();
  }
  assert.deepEqual(statuses, [
    [401, { error: "missing_signature" }],
    [405, { error: "method_not_allowed" }],
    [200, { ok: true }],
  ]);
  assert.equal(wrong.code, 1, "not 2xx: exit 1");
  assert.match(wrong.stdout, /^message\.received +MESSAGE_RECEIVED +401 +\{"error":"signature_mismatch"\}\n$/);
  const lines = jsonLines(stopped.stdout);
  assert.deepEqual(lines.map((l) => [l.verified, l.code, l.status]), [[false, "missing_signature", 401], [false, "signature_mismatch", 401]]);
  assert.equal(stopped.code, 0);
});

test("listen diagnoses refused deliveries up to 64 KiB only: a large hostile body costs one verify", async () => {
  const small = JSON.stringify({ event: "sms.received", version: "1", data: { messageId: 1, from: "+1", to: "+2", body: "hi", receivedAt: "2026-03-01T15:30:00.000Z" } });
  const large = small.replace('"hi"', JSON.stringify("x".repeat(100 * 1024)));
  const smallFile = join(TMP, "small.json");
  const largeFile = join(TMP, "large.json");
  writeFileSync(smallFile, small);
  writeFileSync(largeFile, large);
  const listener = await listen(["--provider", "zuc", "--secret", "zuc-secret", "--json"]);
  let stopped;
  try {
    for (const file of [smallFile, largeFile]) {
      const sent = await run(["send", "zuc", `${listener.url}/`, "--body", file, "--secret", "not-zuc-secret"]);
      assert.equal(sent.code, 1, sent.stderr);
    }
  } finally {
    stopped = await listener.stop();
  }
  const [first, second] = jsonLines(stopped.stdout);
  assert.deepEqual([first.code, second.code], ["signature_mismatch", "signature_mismatch"]);
  assert.ok(first.findings.length > 0, "the small one is diagnosed");
  assert.deepEqual(second.findings, [], "the large one is not");
});

test("listen human output: the banner first, one aligned line per delivery with from → to and the verdict", async () => {
  const listener = await listen(["--provider", "zuc", "--secret", "zuc-secret"]);
  let sent;
  let wrong;
  let stopped;
  try {
    sent = await run(["send", "zuc", `${listener.url}/`, "--all", "--secret", "zuc-secret"]);
    wrong = await run(["send", "zuc", `${listener.url}/`, "--secret", "not-zuc-secret"]);
  } finally {
    stopped = await listener.stop();
  }
  assert.equal(sent.code, 0, sent.stderr);
  assert.equal(wrong.code, 1, wrong.stderr);
  const lines = stopped.stdout.trimEnd().split("\n");
  assert.equal(lines[0], `listening on ${listener.url}/ (provider zuc)`);
  assert.equal(lines.length, 2 + samplesOf("zuc").length);
  assert.match(lines.at(-1), /^\d\d:\d\d:\d\d {2}zuc {11}refused {12}signature_mismatch: /);
  assert.match(lines[1], /^\d\d:\d\d:\d\d {2}zuc {11}message\.received {2}.+ → .+ {2}".*" +verified$/);
  assert.match(lines[2], /^\d\d:\d\d:\d\d {2}zuc {11}unknown {12}/);
  assert.doesNotMatch(stopped.stdout, /\x1b\[/, "no colour in a pipe");
  const sentLines = sent.stdout.trimEnd().split("\n");
  assert.equal(sentLines.length, samplesOf("zuc").length);
  assert.match(sentLines[0], /^message\.received {2}sms\.received {3}200 {2}\{"ok":true,"id":/);
  assert.match(sentLines[1], /^unknown {11}sms\.delivered {2}200 {2}/);
  assert.equal(sentLines[0].indexOf(" 200 "), sentLines[1].indexOf(" 200 "), "aligned columns");
});

test("hostile text cannot drive the terminal: control characters and bidi overrides never reach the output", async () => {
  const hostile = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil";
  const body = JSON.stringify({ event: "sms.received", version: "1", data: { messageId: "x\u001b[1Ay", from: "+1555\u001b[0m", to: "+1666", body: hostile, receivedAt: "2026-03-01T15:30:00.000Z" } });
  const file = join(TMP, "hostile.json");
  writeFileSync(file, body);
  const listener = await listen(["--provider", "zuc", "--secret", "zuc-secret"]);
  let sent;
  let stopped;
  try {
    sent = await run(["send", "zuc", `${listener.url}/`, "--body", file, "--secret", "zuc-secret"]);
  } finally {
    stopped = await listener.stop();
  }
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(stopped.stdout, / verified/);
  const signed = sign({ provider: "zuc", secret: "zuc-secret", body });
  const capture = join(TMP, "hostile.http");
  writeFileSync(capture, rawRequest("/", "hooks.example.com", signed.headers, body));
  const checked = await run(["verify", "--provider", "zuc", "--secret", "zuc-secret", "--request", capture]);
  assert.equal(checked.code, 0, checked.stderr);
  assert.match(stopped.stdout, /pwned.*evil/, "the text is shown, its controls as spaces");
  assert.match(checked.stdout, /from +\+1555\\u001b\[0m/, "verify escapes what it prints");
  for (const out of [stopped.stdout, checked.stdout, sent.stdout]) {
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  }
});

// ------------------------------------------------------------------ listen --forward

test("listen --forward: the event re-signed as Standard Webhooks, exactly as the Worker forwards it", async () => {
  const forwardSecret = (await freshSecret("--standard")).secret;
  const app = await receiver((req, body) => {
    const event = verify({ provider: "standard", secret: forwardSecret, headers: req.headers, body });
    return [204, JSON.stringify({ got: event.id })];
  });
  // A body of our own, with spacing and a number JavaScript cannot hold: the Worker
  // forwards `data` verbatim.
  const raw = '{ "smsId": "65f0",  "message": "Hi ✓", "webhookEvent": "MESSAGE_RECEIVED",\n "idempotencyKey": "k 1", "sender": "+15551234567", "n": 12345678901234567890123 }\n';
  const bodyFile = join(TMP, "textbee-body.json");
  writeFileSync(bodyFile, raw);
  const listener = await listen(["--provider", "textbee", "--secret", TEXTBEE_SECRET, "--json", "--forward", app.url], { SMSHOOK_FORWARD_SECRET: forwardSecret });
  let all;
  let own;
  let stopped;
  try {
    all = await run(["send", "textbee", `${listener.url}/`, "--all", "--json", "--secret", TEXTBEE_SECRET]);
    own = await run(["send", "textbee", `${listener.url}/`, "--json", "--body", bodyFile, "--secret", TEXTBEE_SECRET]);
  } finally {
    stopped = await listener.stop();
    await app.close();
  }
  assert.equal(all.code, 0, all.stderr);
  assert.equal(own.code, 0, own.stderr);
  const count = samplesOf("textbee").length;
  assert.equal(app.requests.length, count + 1, "every verified delivery reached the app");
  for (const [i, r] of app.requests.entries()) {
    assert.equal(r.method, "POST");
    assert.equal(r.headers["content-type"], "application/json");
    assert.equal(r.headers["smshook-provider"], "textbee");
    const event = verify({ provider: "standard", secret: forwardSecret, headers: r.headers, body: r.body });
    assert.equal(event.provider, "textbee", "a standard delivery of a smshook event is that event");
    if (i < count) assert.equal(r.headers["webhook-id"], event.id, "a printable id is the webhook-id");
  }
  const last = app.requests.at(-1);
  assert.ok(last.body.startsWith('{"provider":"textbee","type":"message.received","providerEvent":"MESSAGE_RECEIVED","id":'), last.body);
  assert.ok(last.body.endsWith(`,"data":${raw.trim()}}`), `data is the raw body verbatim: ${last.body}`);
  // "k 1" has a space: the webhook-id is its hash, the body keeps the real id (SPEC section 5).
  assert.match(last.headers["webhook-id"], /^sha256:[0-9a-f]{64}$/);
  assert.equal(JSON.parse(last.body).id, "k 1");
  const lines = jsonLines(stopped.stdout);
  assert.equal(lines.length, count + 1);
  for (const l of lines) assert.deepEqual([l.verified, l.status, l.forward.status, l.forward.ok], [true, 200, 204, true]);
  assert.deepEqual(jsonLines(own.stdout)[0].status, 200);
});

test("listen --forward never answers 2xx for an event the app does not have", async () => {
  const forwardSecret = (await freshSecret("--standard")).secret;
  const failing = await receiver(() => [500, '{"oops":true}']);
  const nowhere = `http://127.0.0.1:${await closedPort()}/hook`;
  const results = [];
  for (const target of [failing.url, nowhere]) {
    const listener = await listen(["--provider", "zuc", "--secret", "zuc-secret", "--json", "--forward", target, "--forward-secret", forwardSecret]);
    try {
      results.push(await run(["send", "zuc", `${listener.url}/`, "--all", "--json", "--secret", "zuc-secret"]));
    } finally {
      results.push(await listener.stop());
    }
  }
  await failing.close();
  const [sentFailing, listenFailing, sentNowhere, listenNowhere] = results;
  assert.equal(sentFailing.code, 1, "the app answered 500: send exits 1");
  for (const a of jsonLines(sentFailing.stdout)) assert.deepEqual([a.status, a.ok, a.response], [502, false, '{"error":"receiver_error"}']);
  assert.equal(failing.requests.length, samplesOf("zuc").length, "each delivery was forwarded");
  for (const l of jsonLines(listenFailing.stdout)) assert.deepEqual([l.verified, l.status, l.forward.status], [true, 502, 500]);
  assert.equal(sentNowhere.code, 1);
  for (const a of jsonLines(sentNowhere.stdout)) assert.deepEqual([a.status, a.response], [502, '{"error":"receiver_unreachable"}']);
  for (const l of jsonLines(listenNowhere.stdout)) assert.match(l.forward.error, /connection refused/);
});

// ------------------------------------------------------------------ verify

/** A raw HTTP request as `nc -l` prints it. */
function rawRequest(path, host, headers, body) {
  const lines = [`POST ${path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${Buffer.byteLength(body)}`];
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

const TEXTBEE_BODY = JSON.stringify({
  smsId: "6650f1c2a9b8c7d6e5f40123", message: "Hello ✓", deviceId: "d", webhookSubscriptionId: "w",
  webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k-1", sender: "+15551234567", receivedAt: "2026-05-27T13:00:35.208Z",
});

test("verify a captured request: the event, a tampered body (exit 1 with the code), SMSHOOK_SECRET, --json", async () => {
  const signed = sign({ provider: "textbee", secret: TEXTBEE_SECRET, body: TEXTBEE_BODY });
  const capture = join(TMP, "textbee.http");
  writeFileSync(capture, rawRequest("/hook", "hooks.example.test", signed.headers, TEXTBEE_BODY));
  const ok = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", capture]);
  assert.equal(ok.code, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /^verified {2}textbee message\.received\n/);
  assert.match(ok.stdout, /\n {2}providerEvent {2}MESSAGE_RECEIVED\n/);
  assert.match(ok.stdout, /\n {2}id {13}k-1\n/, "aligned key/value lines");
  assert.match(ok.stdout, /\n {2}from {11}\+15551234567\n/);
  assert.match(ok.stdout, /\n {2}text {11}"Hello ✓"\n/);

  const env = await run(["verify", "--request", capture, "--json"], { env: { SMSHOOK_SECRET: TEXTBEE_SECRET } });
  assert.equal(env.code, 0, env.stderr);
  const out = JSON.parse(env.stdout);
  assert.equal(out.verified, true);
  assert.equal(out.provider, "textbee", "detected from the headers");
  assert.deepEqual([out.event.type, out.event.id, out.event.data.smsId], ["message.received", "k-1", "6650f1c2a9b8c7d6e5f40123"]);
  assert.deepEqual(out.findings, []);
  assert.ok(!env.stdout.includes(TEXTBEE_SECRET));

  const tampered = join(TMP, "tampered.http");
  writeFileSync(tampered, rawRequest("/hook", "hooks.example.test", signed.headers, TEXTBEE_BODY.replace("Hello", "Hellp")));
  const bad = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", tampered]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^refused {2}signature_mismatch: /);
  const badJson = JSON.parse((await run(["verify", "--provider", "textbee", "--request", tampered, "--json"], { env: { SMSHOOK_SECRET: TEXTBEE_SECRET } })).stdout);
  assert.deepEqual([badJson.verified, badJson.code], [false, "signature_mismatch"]);
  assert.ok(!bad.stdout.includes(TEXTBEE_SECRET) && !bad.stderr.includes(TEXTBEE_SECRET), "the secret is never printed");
});

test("verify diagnoses a secret with a trailing newline or spaces", async () => {
  const signed = sign({ provider: "textbee", secret: TEXTBEE_SECRET, body: TEXTBEE_BODY });
  const capture = join(TMP, "textbee-ws.http");
  writeFileSync(capture, rawRequest("/hook", "hooks.example.test", signed.headers, TEXTBEE_BODY));
  for (const secret of [`${TEXTBEE_SECRET}\n`, `  ${TEXTBEE_SECRET} `]) {
    const human = await run(["verify", "--provider", "textbee", "--request", capture], { env: { SMSHOOK_SECRET: secret } });
    assert.equal(human.code, 1, human.stderr);
    assert.match(human.stdout, /^refused {2}signature_mismatch: /);
    assert.match(human.stdout, /\(secret_whitespace\)\n {4}fix: /, human.stdout);
    const json = JSON.parse((await run(["verify", "--provider", "textbee", "--request", capture, "--json", "--secret", secret])).stdout);
    assert.equal(json.verified, false);
    assert.equal(json.findings[0].code, "secret_whitespace");
    assert.ok(!JSON.stringify(json).includes(TEXTBEE_SECRET), "never the secret");
  }
});

test("verify --headers/--body (stdin), --url for twilio, --now for a signed timestamp", async () => {
  const url = "https://hooks.example.test/sms?x=1";
  const body = "MessageSid=SM123&From=%2B15550001111&To=%2B15550002222&Body=Hi";
  const signed = sign({ provider: "twilio", secret: "tok", url, body });
  const headersFile = join(TMP, "twilio.headers");
  writeFileSync(headersFile, Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`).join("\n"));
  const good = await run(["verify", "--provider", "twilio", "--secret", "tok", "--headers", headersFile, "--body", "-", "--url", url, "--json"], { input: body });
  assert.equal(good.code, 0, good.stdout + good.stderr);
  assert.equal(JSON.parse(good.stdout).event.text, "Hi");
  const moved = await run(["verify", "--provider", "twilio", "--secret", "tok", "--headers", headersFile, "--body", "-", "--url", "http://127.0.0.1:3000/sms?x=1", "--json"], { input: body });
  assert.equal(moved.code, 1);
  assert.equal(JSON.parse(moved.stdout).code, "signature_mismatch");

  const then = 1779886900000;
  const std = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const stdBody = '{"type":"ping"}';
  const stdSigned = sign({ provider: "standard", secret: std, body: stdBody, now: then, id: "msg_1" });
  const capture = join(TMP, "standard.http");
  writeFileSync(capture, rawRequest("/hook", "app.example.test", stdSigned.headers, stdBody));
  const late = await run(["verify", "--provider", "standard", "--secret", std, "--request", capture, "--json"]);
  assert.equal(late.code, 1);
  assert.equal(JSON.parse(late.stdout).code, "timestamp_out_of_tolerance");
  const atThen = await run(["verify", "--provider", "standard", "--secret", std, "--request", capture, "--now", String(then + 1000), "--json"]);
  assert.equal(atThen.code, 0, atThen.stdout);
  assert.equal(JSON.parse(atThen.stdout).event.id, "msg_1");
});

// ------------------------------------------------------------------ network errors

test("send to a closed port exits 4; an answer that never comes times out (exit 4)", async () => {
  const port = await closedPort();
  const refused = await run(["send", "textbee", `http://127.0.0.1:${port}/`, "--secret", TEXTBEE_SECRET]);
  assert.equal(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, new RegExp(`^smshook: cannot deliver to http://127\\.0\\.0\\.1:${port}/: connection refused \\(ECONNREFUSED\\)\\n$`));
  assert.equal(refused.stdout, "");

  const silent = createServer(() => {}); // reads nothing, answers nothing
  servers.add(silent);
  await new Promise((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const hung = await run(["send", "textbee", `http://127.0.0.1:${silent.address().port}/`, "--secret", TEXTBEE_SECRET, "--timeout", "300"]);
  assert.equal(hung.code, 4, hung.stderr);
  assert.match(hung.stderr, /^smshook: cannot deliver to .*: timed out after 300 ms\n$/);

  const busy = await listen(["--provider", "zuc", "--secret", "s", "--json"]);
  try {
    const second = await run(["listen", "--provider", "zuc", "--secret", "s", "--port", String(busy.port)]);
    assert.equal(second.code, 4);
    assert.match(second.stderr, /^smshook: cannot listen on 127\.0\.0\.1:\d+: address in use \(EADDRINUSE\)\n$/);
  } finally {
    await busy.stop();
  }
});

// ------------------------------------------------------------------ review fixes

const UNSAFE_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

test("verify escapes what a capture brings: the error field, a HAR note, a header name", async () => {
  const failed = JSON.stringify({ smsId: "s1", webhookEvent: "MESSAGE_FAILED", errorMessage: "\u009b2J\u202eevil", recipient: "+15551234567", deviceId: "d1", webhookSubscriptionId: "w1", failedAt: "2026-01-01T00:00:00.000Z" });
  const signed = sign({ provider: "textbee", secret: TEXTBEE_SECRET, body: failed });
  const file = join(TMP, "failed.http");
  writeFileSync(file, rawRequest("/", "hooks.example.com", signed.headers, failed));
  const checked = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", file]);
  assert.equal(checked.code, 0, checked.stdout);
  assert.match(checked.stdout, /error +\{.*\\u009b2J\\u202eevil/);
  const har = join(TMP, "evil.har");
  const entry = (url) => ({ request: { method: "POST", url, headers: [{ name: "Content-Type", value: "application/json" }], postData: { text: "{}" } } });
  writeFileSync(har, JSON.stringify({ log: { entries: [entry("https://a.example/\u001b]0;owned\u0007\u001b[2J"), entry("https://b.example/")] } }));
  const fromHar = await run(["verify", "--provider", "twilio", "--secret", "abcdefgh", "--request", har]);
  const header = join(TMP, "evil-header.http");
  writeFileSync(header, "POST / HTTP/1.1\r\nHost: a.example\r\nX-\u001b[2JEvil: 1\r\n\r\n{}");
  const fromHeader = await run(["verify", "--secret", "abcdefgh", "--request", header]);
  for (const out of [checked, fromHar, fromHeader]) {
    assert.doesNotMatch(out.stdout + out.stderr, UNSAFE_OUTPUT);
  }
});

test("verify --url and listen --url-base pass the URL on as typed (Twilio signs the exact string)", async () => {
  for (const url of ["https://h.example/sms?name=O'Brien", "https://H.example:443/sms"]) {
    const body = "MessageSid=SM1&From=%2B1555&To=%2B1666&Body=hi&AccountSid=AC1&SmsStatus=received";
    const signed = sign({ provider: "twilio", secret: "tw-token", body, url });
    const headers = join(TMP, "tw.headers");
    const bodyFile = join(TMP, "tw.body");
    writeFileSync(headers, Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`).join("\n"));
    writeFileSync(bodyFile, body);
    const checked = await run(["verify", "--provider", "twilio", "--secret", "tw-token", "--url", url, "--headers", headers, "--body", bodyFile]);
    assert.equal(checked.code, 0, `${url}: ${checked.stdout}`);
  }
});

test("send --body: reported as the body it is; --dry-run keeps its exact bytes (base64 in --json when not UTF-8)", async () => {
  const file = join(TMP, "binary.body");
  writeFileSync(file, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  const json = await run(["send", "standard", "http://127.0.0.1:9/", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--body", file, "--dry-run", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const [line] = jsonLines(json.stdout);
  assert.deepEqual([line.eventType, line.providerEvent, line.bodyEncoding], [null, null, "base64"]);
  assert.deepEqual(Buffer.from(line.body, "base64"), readFileSync(file));
  const raw = spawnSync(process.execPath, [BIN, "send", "standard", "http://127.0.0.1:9/", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--body", file, "--dry-run"], { timeout: CHILD_TIMEOUT_MS });
  assert.equal(raw.status, 0, String(raw.stderr));
  assert.match(raw.stdout.toString("latin1"), /Content-Length: 6\r\n/);
  assert.deepEqual(raw.stdout.subarray(raw.stdout.indexOf("\r\n\r\n") + 4, -1), readFileSync(file));
  const text = join(TMP, "ping.json");
  writeFileSync(text, '{"type":"ping"}');
  const given = await run(["send", "standard", "http://127.0.0.1:9/", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--body", text, "--dry-run", "--json"]);
  assert.deepEqual(jsonLines(given.stdout).map((l) => [l.eventType, l.body]), [[null, '{"type":"ping"}']]);
});

test("send httpsms: the token's audience is the target URL as typed (listen --audience accepts every sample)", async () => {
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}/webhooks/httpsms`;
  // The later --port wins over the helper's --port 0: listen where the audience says.
  const listener = await listen(["--port", String(port), "--provider", "httpsms", "--secret", "httpsms-key", "--audience", url, "--json"]);
  let sent;
  let stopped;
  try {
    sent = await run(["send", "httpsms", url, "--all", "--secret", "httpsms-key"]);
  } finally {
    stopped = await listener.stop();
  }
  assert.equal(sent.code, 0, sent.stdout);
  const lines = jsonLines(stopped.stdout);
  assert.equal(lines.length, samplesOf("httpsms").length);
  assert.ok(lines.every((l) => l.verified), JSON.stringify(lines.map((l) => l.code)));
});

test("listen: a client that leaves mid-body is dropped quietly, not an internal error", async () => {
  const listener = await listen(["--provider", "zuc", "--secret", "zuc-secret"]);
  let stopped;
  try {
    await new Promise((resolve, reject) => {
      const socket = connect(listener.port, "127.0.0.1", () => {
        socket.end("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc", () => setTimeout(() => { socket.destroy(); resolve(); }, 100));
      });
      socket.on("error", reject);
    });
    const health = await fetch(`${listener.url}/healthz`);
    assert.equal(health.status, 200, "still serving");
  } finally {
    stopped = await listener.stop();
  }
  assert.doesNotMatch(stopped.stderr, /internal error/);
});

test("a reader that goes away ends the output cleanly (EPIPE), and a URL's password is never printed", async () => {
  const piped = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" send textbee http://127.0.0.1:9/ --all --secret ${TEXTBEE_SECRET} --dry-run | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], { timeout: CHILD_TIMEOUT_MS });
  assert.equal(piped.stdout.toString().trim(), "0", String(piped.stderr));
  assert.doesNotMatch(String(piped.stderr), /EPIPE|internal error/);
  const port = await closedPort();
  const refused = await run(["send", "textbee", `http://user:pa55word@127.0.0.1:${port}/`, "--secret", TEXTBEE_SECRET]);
  assert.equal(refused.code, 4);
  assert.doesNotMatch(refused.stdout + refused.stderr, /pa55word/);
});

test("send --all --dry-run reads back into verify (the first request); a non-UTF-8 body keeps its bytes", async () => {
  const all = spawnSync(process.execPath, [BIN, "send", "textbee", "http://127.0.0.1:8787/", "--all", "--secret", TEXTBEE_SECRET, "--dry-run"], { timeout: CHILD_TIMEOUT_MS });
  const allFile = join(TMP, "all.http");
  writeFileSync(allFile, all.stdout);
  const first = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", allFile, "--json"]);
  assert.equal(first.code, 0, first.stdout);
  const got = JSON.parse(first.stdout);
  assert.equal(got.event.type, samplesOf("textbee")[0].eventType);
  assert.ok(got.notes.some((n) => /holds \d+ requests/.test(n)), JSON.stringify(got.notes));
  const bytes = join(TMP, "bytes.body");
  writeFileSync(bytes, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const raw = spawnSync(process.execPath, [BIN, "send", "standard", "http://127.0.0.1:8787/", "--secret", secret, "--body", bytes, "--dry-run"], { timeout: CHILD_TIMEOUT_MS });
  const rawFile = join(TMP, "bytes.http");
  writeFileSync(rawFile, raw.stdout.subarray(0, -1));
  const checked = await run(["verify", "--provider", "standard", "--secret", secret, "--request", rawFile, "--json"]);
  // The signature holds over the exact bytes; it is the payload that is not JSON.
  assert.equal(JSON.parse(checked.stdout).code, "malformed_payload", checked.stdout);
});

test("verify --request with curl -v output takes the body from --body (curl -v prints none)", async () => {
  const signed = sign({ provider: "textbee", secret: TEXTBEE_SECRET, body: TEXTBEE_BODY });
  const lines = ["*   Trying 127.0.0.1:8787...", "* Connected to 127.0.0.1 (127.0.0.1) port 8787", "> POST /hook HTTP/1.1", "> Host: 127.0.0.1:8787",
    "> User-Agent: curl/7.88.1", "> Accept: */*", ...Object.entries(signed.headers).map(([k, v]) => `> ${k}: ${v}`),
    `> Content-Length: ${Buffer.byteLength(TEXTBEE_BODY)}`, ">", "< HTTP/1.1 200 OK", "< content-length: 2", "<", "* Connection #0 left intact"];
  const capture = join(TMP, "curl-v.txt");
  const body = join(TMP, "curl-v.body");
  writeFileSync(capture, `${lines.join("\n")}\n`);
  writeFileSync(body, TEXTBEE_BODY);
  const alone = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", capture, "--json"]);
  assert.equal(alone.code, 1, "no body: refused");
  assert.ok(JSON.parse(alone.stdout).notes.some((n) => /curl -v/.test(n)));
  const withBody = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", capture, "--body", body, "--json"]);
  assert.equal(withBody.code, 0, withBody.stdout);
  assert.equal(JSON.parse(withBody.stdout).event.type, "message.received");
  const raw = join(TMP, "has-body.http");
  writeFileSync(raw, rawRequest("/", "hooks.example.com", signed.headers, TEXTBEE_BODY));
  const both = await run(["verify", "--provider", "textbee", "--secret", TEXTBEE_SECRET, "--request", raw, "--body", body]);
  assert.equal(both.code, 2, "a capture with its own body and --body is a usage error");
});
