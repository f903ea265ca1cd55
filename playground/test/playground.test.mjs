// The playground end to end in headless Chromium (playwright-core with the system
// Chromium, as pkg's browser suites): builds the page (and checks its size budget), loads it
// from file:// and from serve.mjs, and fills its forms as a user or a user's script would.
// Deliveries are signed in Node with the package's sign() and the expected events and
// findings computed in Node with verify() and diagnose(), so the page must agree with them.
// Run: node --test playground/test/
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, newPage, OPT_OUT } from "../../pkg/test/bundlers/chromium.mjs";
import * as smshook from "../../pkg/src/node.mjs";
import { diagnose } from "../../pkg/src/diagnose.js";
import { errorResult } from "../src/verify.js";
import { parseHeaderLines } from "../../pkg/src/capture.js";
import { SAMPLES, sampleBody, samplesOf } from "../../pkg/dist/samples.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PLAYGROUND = path.resolve(HERE, "..");
// Each run writes dist/screenshot.png; the committed playground/screenshot.png (the README's)
// is replaced only when asked (SMSHOOK_UPDATE_SCREENSHOT=1) or missing, so that a test run
// leaves the checkout clean (Chromium's pixels vary slightly between runs).
const SCREENSHOT = path.join(PLAYGROUND, "dist", "screenshot.png");
const COMMITTED_SCREENSHOT = path.join(PLAYGROUND, "screenshot.png");
const FIELDS = ["provider", "secret", "url", "headers", "body", "request"];
const HOOK_URL = "https://hooks.example.com/webhooks/sms?account=42";

/** Runs a node script of the playground; resolves to { code, stdout, stderr }, killed after `ms`. */
function runNode(args, ms) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PLAYGROUND, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${args.join(" ")}: no exit within ${ms} ms`)); }, ms);
    child.on("exit", (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Starts serve.mjs on a free port; resolves to { url, stop }. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PLAYGROUND, "serve.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve.mjs printed no URL within 20 s: ${out}`)); }, 20000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[0], stop: () => new Promise((done) => { child.once("exit", done); child.kill(); }) });
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve.mjs exited (${code}): ${out}`)); });
  });
}

/** A delivery of `provider`'s sample (first, or of `eventType`) signed now in Node, with its expected event. */
function delivery(provider, eventType) {
  const sample = samplesOf(provider).find((s) => !eventType || s.eventType === eventType);
  const now = Date.now();
  const body = sampleBody(sample, now);
  const url = sample.signsUrl ? HOOK_URL : undefined;
  const signed = smshook.sign({ ...sample.sign, provider, secret: sample.secret, body, now, ...(url ? { url } : {}) });
  const target = signed.url ?? url;
  const event = smshook.verify({ provider, secret: sample.verifySecret, headers: signed.headers, body, ...(target ? { url: target } : {}) });
  const headers = Object.entries(signed.headers).map(([n, v]) => `${n}: ${v}`).join("\n");
  return { sample, provider, headers: signed.headers, headerText: headers, body, url: target ?? "", secret: sample.verifySecret, event };
}

/** The delivery as a raw HTTP request, as `nc -l` prints it. */
function rawRequest(d) {
  const u = new URL(d.url || "http://127.0.0.1:8787/webhooks");
  const lines = [`POST ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, "User-Agent: provider/1.0"];
  for (const [n, v] of Object.entries(d.headers)) lines.push(`${n}: ${v}`);
  lines.push(`Content-Length: ${Buffer.byteLength(d.body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${d.body}`;
}

/** Fills the verify form (missing fields emptied), submits it, and reads the result. */
async function verifyInPage(page, values) {
  await page.click("#tab-verify");
  for (const name of FIELDS) {
    const locator = page.locator(`#verify-form [name="${name}"]`);
    if (name === "provider") await locator.selectOption(values.provider ?? "");
    else await locator.fill(values[name] ?? "");
  }
  await page.click('#verify-form button[type="submit"]');
  return readResult(page);
}

/** The verdict, the event (parsed), the provider line and the findings shown. */
async function readResult(page) {
  const eventText = await page.textContent('[data-testid="event"]');
  return {
    verdict: await page.textContent('[data-testid="verdict"]'),
    event: eventText ? JSON.parse(eventText) : null,
    provider: await page.textContent('[data-testid="provider"]'),
    payload: await page.textContent('[data-testid="payload"]'),
    notes: await page.$$eval('[data-testid="notes"] li', (lis) => lis.map((li) => li.textContent)),
    findings: await page.$$eval('[data-testid="findings"] li', (lis) => lis.map((li) => ({ code: li.dataset.code ?? null, text: li.textContent }))),
  };
}

/** Generates a delivery in the page; returns what it shows. */
async function generateInPage(page, provider, eventType, url) {
  await page.click("#tab-generate");
  await page.selectOption("#gen-provider", provider);
  if (eventType) await page.selectOption("#gen-event", eventType);
  if (url !== undefined) await page.fill("#gen-url", url);
  await page.click('#generate-form button[type="submit"]');
  return {
    status: await page.textContent('[data-testid="gen-status"]'),
    headers: await page.textContent('[data-testid="gen-headers"]'),
    body: await page.textContent('[data-testid="gen-body"]'),
    curl: await page.textContent('[data-testid="gen-curl"]'),
  };
}

/** The argument list a shell passes to curl for the page's command (curl replaced by printf). */
function curlArgs(command) {
  const out = execFileSync("bash", ["-c", `curl() { printf '%s\\0' "$@"; }\n${command}`], { timeout: 10000 });
  return out.toString("utf8").split("\0").slice(0, -1);
}

// The screenshot check: a small PNG reader (8-bit RGB or RGBA, not interlaced, as Chromium
// writes), enough to tell a real page from a blank one.
/** Decodes a PNG buffer into { width, height, channels, pixels } (pixels: Uint8Array rows). */
function decodePng(buffer) {
  const signature = "89504e470d0a1a0a";
  if (buffer.subarray(0, 8).toString("hex") !== signature) throw new Error("not a PNG");
  let at = 8;
  let header = null;
  const data = [];
  while (at < buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString("latin1", at + 4, at + 8);
    const chunk = buffer.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      header = { width: chunk.readUInt32BE(0), height: chunk.readUInt32BE(4), depth: chunk[8], color: chunk[9], interlace: chunk[12] };
    } else if (type === "IDAT") data.push(chunk);
    at += 12 + length;
  }
  if (!header || header.depth !== 8 || header.interlace !== 0 || (header.color !== 2 && header.color !== 6)) {
    throw new Error(`unsupported PNG: ${JSON.stringify(header)}`);
  }
  const channels = header.color === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = header.width * channels;
  const pixels = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  return { width: header.width, height: header.height, channels, pixels };
}

/** How many distinct colours the image has, and the share of pixels not of the commonest one. */
function colourStats({ channels, pixels }) {
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += channels) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = pixels.length / channels;
  const commonest = Math.max(...counts.values());
  return { distinct: counts.size, notBackground: (total - commonest) / total };
}

const normal = (text) => text.trim().toLowerCase().replace(/\.$/, "");

test("errorResult: an unexpected error as a verdict (its code, or error) with its message", () => {
  const coded = errorResult(Object.assign(new Error("boom"), { code: "invalid_argument" }));
  assert.equal(coded.verified, false);
  assert.equal(coded.code, "invalid_argument");
  assert.equal(coded.message, "boom");
  assert.deepEqual(coded.findings, []);
  assert.deepEqual(coded.notes, []);
  assert.equal(errorResult(new TypeError("x is undefined")).code, "error");
  assert.equal(errorResult("plain").message, "plain");
});

let build;
test("build.mjs: dist/index.html and dist/app.js, under 100 KB gzip without the wasm", { timeout: 120000 }, async () => {
  build = await runNode([path.join(PLAYGROUND, "build.mjs")], 110000);
  assert.equal(build.code, 0, build.stderr + build.stdout);
  const m = /gzip total (\d+) B; gzip without the wasm (\d+) B \(limit (\d+) B\)/.exec(build.stdout);
  assert.ok(m, `build output: ${build.stdout}`);
  const [total, withoutWasm, limit] = m.slice(1).map(Number);
  assert.equal(limit, 100000);
  assert.ok(withoutWasm <= limit, `${withoutWasm} B gzip without the wasm, limit ${limit}`);
  const wasm = fs.statSync(path.join(PLAYGROUND, "../pkg/dist/web/smshook_bg.wasm")).size;
  assert.ok(total - withoutWasm > wasm / 2, `the wasm must be in the total (${total} vs ${withoutWasm})`);
  const html = fs.readFileSync(path.join(PLAYGROUND, "dist/index.html"), "utf8");
  assert.ok(!html.includes('href="style.css"') && html.includes("<style>"), "style.css is inlined");
  assert.match(html, /connect-src 'none'/);
  assert.match(html, /<script src="app\.js" defer><\/script>/, "a classic script (module scripts do not load from file://)");
  assert.ok(fs.statSync(path.join(PLAYGROUND, "dist/app.js")).size > wasm, "app.js carries the wasm");
});

test("build.mjs without pkg/dist: fails naming the fix", { timeout: 30000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-playground-"));
  try {
    fs.mkdirSync(path.join(root, "playground"));
    fs.mkdirSync(path.join(root, "pkg"));
    fs.copyFileSync(path.join(PLAYGROUND, "build.mjs"), path.join(root, "playground/build.mjs"));
    const run = await runNode([path.join(root, "playground/build.mjs")], 20000);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /pkg\/dist is not built\. Run bash pkg\/build\.sh \(make playground builds it\)/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("serve.mjs: an unknown argument exits 2 with the usage", { timeout: 30000 }, async () => {
  for (const args of [["8080"], ["--port", "0", "extra"], ["--verbose"]]) {
    const run = await runNode([path.join(PLAYGROUND, "serve.mjs"), ...args], 20000);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /unknown argument .*usage: node playground\/serve\.mjs \[--port 8080\]/);
  }
});

for (const origin of ["file", "http"]) {
  describe(`the page from ${origin === "file" ? "file://" : "serve.mjs"}`, { skip: OPT_OUT, timeout: 240000 }, () => {
    let browser, page, server, pageUrl;
    const requests = [];
    let loaded = false;
    let historyLength;
    const consoleErrors = [];
    before(async () => {
      assert.ok(build && build.code === 0, "the build test passed");
      if (origin === "http") server = await startServer();
      pageUrl = origin === "file" ? pathToFileURL(path.join(PLAYGROUND, "dist/index.html")).href : server.url;
      browser = await launch();
      page = await newPage(browser);
      await page.setViewportSize({ width: 1100, height: 800 });
      page.on("request", (r) => requests.push({ url: r.url(), afterLoad: loaded }));
      page.on("load", () => { loaded = true; });
      // A request the CSP blocks never reaches the network: Chromium reports it as a console error.
      page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
      await page.goto(pageUrl, { waitUntil: "load", timeout: 30000 });
      historyLength = await page.evaluate(() => history.length);
    });
    after(async () => {
      if (browser) await browser.close();
      if (server) await server.stop();
    });

    test("loads two files, starts without an error; the secret field is a password field", async () => {
      assert.equal(await page.getAttribute("html", "data-ready"), "true");
      assert.deepEqual(page.errors, []);
      assert.deepEqual(requests.map((r) => path.basename(new URL(r.url).pathname) || "/"), [origin === "file" ? "index.html" : "/", "app.js"]);
      assert.equal(await page.getAttribute('[name="secret"]', "type"), "password");
      assert.equal(await page.getAttribute('[name="secret"]', "autocomplete"), "off");
      const options = await page.$$eval('[name="provider"] option', (os) => os.map((o) => o.value));
      assert.deepEqual(options, ["", ...smshook.PROVIDERS.map((p) => p.id)]);
    });

    for (const provider of ["textbee", "twilio", "telnyx", "standard"]) {
      test(`${provider}: a signed delivery verifies from headers + body and from a raw request`, async () => {
        const d = delivery(provider);
        const fromParts = await verifyInPage(page, { provider, secret: d.secret, url: d.url, headers: d.headerText, body: d.body });
        assert.equal(fromParts.verdict, "verified", JSON.stringify(fromParts));
        assert.deepEqual(fromParts.event, d.event);
        const pretty = provider === "twilio"
          ? [...new URLSearchParams(d.body)].map(([n, v]) => `${n} = ${v}`).join("\n")
          : JSON.stringify(JSON.parse(d.body), null, 2);
        assert.equal(fromParts.payload, pretty);
        // No URL field: twilio's comes from the request line and Host (https by default).
        const fromRequest = await verifyInPage(page, { provider, secret: d.secret, request: rawRequest(d) });
        assert.equal(fromRequest.verdict, "verified", JSON.stringify(fromRequest));
        assert.equal(fromRequest.notes.some((n) => n.includes(HOOK_URL)), provider === "twilio", fromRequest.notes.join("\n"));
        assert.equal(fromRequest.event.type, d.event.type);
        assert.equal(fromRequest.event.id, d.event.id);
      });
    }

    test("a body changed after signing: signature_mismatch, with the findings diagnose() gives", async () => {
      const d = delivery("textbee");
      const tampered = { provider: "textbee", secret: d.secret, headers: d.headerText, body: `${d.body}\n` };
      const got = await verifyInPage(page, tampered);
      assert.equal(got.verdict, "signature_mismatch");
      assert.equal(got.event, null);
      const expected = diagnose(smshook, { provider: "textbee", secret: d.secret, headers: d.headers, body: tampered.body });
      assert.ok(expected.findings.length > 0, "diagnose finds the trailing newline");
      assert.deepEqual(got.findings.map((f) => f.code), expected.findings.map((f) => f.code));
      const edited = await verifyInPage(page, { ...tampered, body: d.body.replace(/"[^"]*"/, '"x"') });
      assert.equal(edited.verdict, "signature_mismatch");
      assert.ok(edited.findings.length > 0 && edited.findings[0].text.length > 20, "the page says what it found");
    });

    test("a capture that is not a request: invalid_capture; Ctrl+Enter verifies", async () => {
      const got = await verifyInPage(page, { provider: "textbee", secret: "x", request: "hello\nworld" });
      assert.equal(got.verdict, "invalid_capture");
      assert.equal(got.event, null);
      const d = delivery("textbee");
      await verifyInPage(page, { provider: "textbee", secret: d.secret, headers: d.headerText, body: d.body });
      await page.fill('[name="request"]', "not a request");
      await page.focus('[name="body"]');
      await page.keyboard.press("Control+Enter");
      assert.equal(await page.textContent('[data-testid="verdict"]'), "invalid_capture");
    });

    test("a secret with a trailing space: the secret_whitespace finding", async () => {
      const d = delivery("textbee");
      const got = await verifyInPage(page, { provider: "textbee", secret: `${d.secret} `, headers: d.headerText, body: d.body });
      assert.notEqual(got.verdict, "verified");
      const expected = diagnose(smshook, { provider: "textbee", secret: `${d.secret} `, headers: d.headers, body: d.body })
        .findings.find((f) => f.code === "secret_whitespace");
      assert.ok(expected, "diagnose() finds it");
      const shown = got.findings.find((f) => f.code === "secret_whitespace");
      assert.ok(shown, JSON.stringify(got.findings));
      assert.ok(normal(shown.text).includes(normal(expected.message)), `${shown.text} / ${expected.message}`);
    });

    test("provider auto: detect() names the provider", async () => {
      for (const provider of ["textbee", "standard"]) {
        const d = delivery(provider);
        const got = await verifyInPage(page, { provider: "", secret: d.secret, headers: d.headerText, body: d.body });
        assert.equal(got.verdict, "verified");
        assert.deepEqual(got.event, d.event);
        assert.equal(got.provider, `${provider} (detected)`);
      }
    });

    test("headers with a NUL after a verified delivery: a fresh verdict (invalid_argument), no page error", async () => {
      const d = delivery("textbee");
      const good = await verifyInPage(page, { provider: "", secret: d.secret, headers: d.headerText, body: d.body });
      assert.equal(good.verdict, "verified");
      const errors = page.errors.length;
      const headers = d.headerText.replace(/^(x-signature: )/im, "$1\u0000");
      assert.ok(headers.includes("\u0000"));
      const expected = diagnose(smshook, { secret: d.secret, headers: parseHeaderLines(headers), body: d.body });
      for (const provider of ["", "textbee"]) {
        await verifyInPage(page, { provider: "", secret: d.secret, headers: d.headerText, body: d.body });
        const got = await verifyInPage(page, { provider, secret: d.secret, headers, body: d.body });
        assert.equal(got.verdict, "invalid_argument", `${provider || "auto"}: ${JSON.stringify(got)}`);
        assert.equal(got.verdict, expected.code);
        assert.equal(got.event, null);
        assert.match(await page.textContent("#result-message"), /NUL/);
      }
      assert.deepEqual(page.errors.slice(errors), []);
    });

    test("generate: headers, body and a curl command that verify; load into the form; verify", async () => {
      await page.click("#tab-generate");
      const events = await page.$$eval("#gen-event option", (os) => os.map((o) => o.value));
      assert.deepEqual(events, samplesOf(await page.inputValue("#gen-provider")).map((s) => s.eventType));
      const shown = await generateInPage(page, "twilio", "message.delivered", HOOK_URL);
      const sample = samplesOf("twilio").find((s) => s.eventType === "message.delivered");
      assert.equal(await page.inputValue("#gen-secret"), sample.secret);
      const headers = Object.fromEntries(shown.headers.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
      const event = smshook.verify({ provider: "twilio", secret: sample.verifySecret, headers, body: shown.body, url: HOOK_URL });
      assert.equal(event.type, "message.delivered");
      const args = curlArgs(shown.curl);
      assert.deepEqual(args.slice(0, 2), ["-sS", HOOK_URL]);
      const h = args.flatMap((a, i) => (args[i - 1] === "-H" ? [a] : []));
      assert.deepEqual(h, shown.headers.split("\n"));
      assert.equal(args[args.indexOf("--data-raw") + 1], shown.body);
      await page.click("#gen-load");
      assert.equal(await page.isVisible("#verify-form"), true);
      assert.equal(await page.inputValue('[name="provider"]'), "twilio");
      assert.equal(await page.inputValue('[name="url"]'), HOOK_URL);
      await page.click('#verify-form button[type="submit"]');
      const got = await readResult(page);
      assert.equal(got.verdict, "verified");
      assert.equal(got.event.type, "message.delivered");
    });

    test("generate httpsms: the token's audience is the URL to post to", async () => {
      const target = "https://hooks.example.com/h";
      const sample = samplesOf("httpsms").find((s) => s.sign.audience !== undefined);
      assert.ok(sample && sample.sign.audience !== target, "a sample with another audience");
      const shown = await generateInPage(page, "httpsms", sample.eventType, target);
      const headers = parseHeaderLines(shown.headers);
      const event = smshook.verify({ provider: "httpsms", secret: sample.verifySecret, headers, body: shown.body, audience: target });
      assert.equal(event.type, sample.eventType);
    });

    test("a CRLF body pasted into a text box: signature_mismatch, and the fix names the text box", async () => {
      const sample = samplesOf("textbee")[0];
      const now = Date.now();
      const body = JSON.stringify(JSON.parse(sampleBody(sample, now)), null, 2).replace(/\n/g, "\r\n");
      assert.ok(body.includes("\r\n"));
      const signed = smshook.sign({ provider: "textbee", secret: sample.secret, body, now });
      const headerText = Object.entries(signed.headers).map(([n, v]) => `${n}: ${v}`).join("\n");
      const fix = "the browser turns CRLF into LF in a text box: verify this delivery from a HAR file " +
        "(the escapes keep the bytes) or with `npx smshook verify --request FILE`";
      for (const values of [{ headers: headerText, body }, { request: rawRequest({ headers: signed.headers, body }) }]) {
        const got = await verifyInPage(page, { provider: "textbee", secret: sample.verifySecret, ...values });
        assert.equal(got.verdict, "signature_mismatch", JSON.stringify(got));
        const finding = got.findings.find((f) => f.code === "body_line_endings");
        assert.ok(finding, JSON.stringify(got.findings));
        assert.ok(finding.text.includes(`Fix: ${fix[0].toUpperCase()}${fix.slice(1)}`), finding.text);
      }
    });

    test("generate telnyx: the verify form gets the sample's public key", async () => {
      const sample = samplesOf("telnyx")[0];
      await generateInPage(page, "telnyx", sample.eventType);
      assert.equal(await page.inputValue("#gen-secret"), sample.secret);
      await page.click("#gen-load");
      assert.equal(await page.inputValue('[name="secret"]'), sample.verifySecret);
      assert.notEqual(sample.verifySecret, sample.secret);
      await page.click('#verify-form button[type="submit"]');
      assert.equal((await readResult(page)).verdict, "verified");
    });

    test("generate telnyx with a seed of one's own: the page derives its public key (WebCrypto) for verify", async () => {
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32).toString("base64");
      const expected = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
      await page.click("#tab-generate");
      await page.selectOption("#gen-provider", "telnyx");
      await page.fill("#gen-secret", seed);
      await page.click('#generate-form button[type="submit"]');
      await page.waitForFunction((key) => document.querySelector('[data-testid="gen-status"]').textContent.includes(key), expected, { timeout: 10000 });
      await page.click("#gen-load");
      assert.equal(await page.inputValue('[name="secret"]'), expected);
      await page.click('#verify-form button[type="submit"]');
      assert.equal((await readResult(page)).verdict, "verified");
    });

    test("generate + verify every provider's first event type", async () => {
      await page.click("#tab-generate");
      const providers = await page.$$eval("#gen-provider option", (os) => os.map((o) => o.value));
      assert.deepEqual(new Set(providers), new Set(SAMPLES.map((s) => s.provider)));
      for (const provider of providers) {
        const shown = await generateInPage(page, provider, undefined, "http://127.0.0.1:8787/hook");
        assert.ok(shown.curl.startsWith("curl ") && shown.curl.includes("--data-raw"), shown.curl);
        await page.click("#gen-load");
        await page.click('#verify-form button[type="submit"]');
        const got = await readResult(page);
        assert.equal(got.verdict, "verified", `${provider}: ${JSON.stringify(got)}`);
        assert.equal(got.event.type, samplesOf(provider)[0].eventType);
      }
    });

    test("keyboard: arrow keys switch the tabs", async () => {
      await page.click("#tab-verify");
      await page.focus("#tab-verify");
      await page.keyboard.press("ArrowRight");
      assert.equal(await page.isVisible("#generate-form"), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), "tab-generate");
      await page.keyboard.press("Home");
      assert.equal(await page.isVisible("#verify-form"), true);
    });

    if (origin === "file") {
      test("screenshot of a verified delivery (dist/screenshot.png; the committed playground/screenshot.png), not blank; dark mode", async () => {
        const sample = samplesOf("textbee")[0];
        const now = Date.UTC(2026, 4, 27, 13, 0, 36);
        const body = sampleBody(sample, now);
        const signed = smshook.sign({ provider: "textbee", secret: sample.secret, body, now });
        const request = rawRequest({ headers: signed.headers, body, url: "https://hooks.example.com/webhooks/textbee" });
        const got = await verifyInPage(page, { provider: "textbee", secret: sample.verifySecret, request });
        assert.equal(got.verdict, "verified");
        await page.evaluate(() => {
          document.activeElement.blur();
          for (const t of document.querySelectorAll("textarea")) t.scrollTo(0, 0);
          window.scrollTo(0, 0);
        });
        await page.screenshot({ path: SCREENSHOT, timeout: 30000 });
        const png = fs.readFileSync(SCREENSHOT);
        assert.ok(png.length > 10000, `${png.length} B`);
        const image = decodePng(png);
        assert.deepEqual([image.width, image.height], [1100, 800]);
        const stats = colourStats(image);
        assert.ok(stats.distinct > 50, `only ${stats.distinct} colours`);
        assert.ok(stats.notBackground > 0.05, `only ${stats.notBackground} of the pixels differ from the background`);
        if (process.env.SMSHOOK_UPDATE_SCREENSHOT === "1" || !fs.existsSync(COMMITTED_SCREENSHOT)) {
          fs.copyFileSync(SCREENSHOT, COMMITTED_SCREENSHOT);
        }
        const committed = decodePng(fs.readFileSync(COMMITTED_SCREENSHOT));
        assert.deepEqual([committed.width, committed.height], [1100, 800], "playground/screenshot.png");
        assert.ok(colourStats(committed).notBackground > 0.05, "playground/screenshot.png is not blank");
        await page.emulateMedia({ colorScheme: "dark" });
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r, g, b] = bg.match(/\d+/g).map(Number);
        assert.ok(r + g + b < 150, `dark background: ${bg}`);
        await page.emulateMedia({ colorScheme: "light" });
      });
    }
    test("nothing after load: no request, no storage, no cookie, the URL unchanged", async () => {
      assert.deepEqual(requests.filter((r) => r.afterLoad), []);
      assert.deepEqual(consoleErrors, []);
      const state = await page.evaluate(() => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        href: location.href, history: history.length,
      }));
      assert.deepEqual(state, { local: 0, session: 0, cookie: "", href: pageUrl, history: historyLength });
      assert.deepEqual(page.errors, []);
    });

  });
}
