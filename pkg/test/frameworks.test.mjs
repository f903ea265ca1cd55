// The framework helpers (smshook/express, smshook/fastify, smshook/koa, smshook/hono) on the
// real frameworks: Express 5 and 4, Fastify 5, Koa 3 on 127.0.0.1 servers, Hono in-process
// (app.request) and on a node:http server. Deliveries are the vector files' cases signed
// again by sign() (test/frameworks/deliveries.mjs).
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import express4 from "express4";
import Fastify from "fastify";
import Koa from "koa";
import { Hono } from "hono";
import { createVerifier, WebhookVerificationError } from "smshook";
import { webhook as expressWebhook } from "smshook/express";
import smshookFastify from "smshook/fastify";
import smshookKoa from "smshook/koa";
import { webhook as honoWebhook } from "smshook/hono";
import { deliveries, sharedDeliveries, sharedVerifierOptions, twilioDelivery, flipped, PUBLIC_ORIGIN } from "./frameworks/deliveries.mjs";
import { frameworks, hono } from "./frameworks/adapters.mjs";
import { closeAll, listen, client, onClose } from "./frameworks/servers.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

after(closeAll);

const textbee = deliveries.find((d) => d.provider === "textbee");
const verifyStyle = (d, extra = {}) => ({ provider: d.provider, secret: d.secret, ...d.options, ...extra });

/** The answer carries the delivery's event (and, where the framework keeps it, the raw body). */
function assertEvent(got, d, what) {
  assert.equal(got.status, 200, `${what}: ${JSON.stringify(got.body)}`);
  for (const [field, want] of Object.entries(d.expect)) assert.equal(got.body.event[field], want, `${what}: ${field}`);
  if (got.body.raw !== undefined) {
    assert.equal(got.body.raw, d.body, `${what}: raw body`);
    assert.equal(got.body.rawIsBuffer, true, `${what}: raw body is a Buffer`);
  }
}

function assertRefusal(got, code, status, what) {
  assert.equal(got.status, status, `${what}: ${JSON.stringify(got.body)}`);
  assert.deepEqual(got.body, { error: code }, what);
}

test("the deliveries: one per body-signed provider, most of them signed at one time", () => {
  assert.equal(deliveries.length, 9);
  assert.equal(sharedDeliveries.length, 8);
  assert.equal(flipped(textbee).body.length, textbee.body.length);
  assert.notEqual(flipped(textbee).body, textbee.body);
});

for (const fw of frameworks) {
  describe(fw.name, () => {
    test("verify-style options: a good delivery of every provider reaches the handler with the event", async () => {
      const c = await fw.serve(deliveries.map((d) => ({ path: `/v/${d.provider}`, options: verifyStyle(d) })));
      for (const d of deliveries) assertEvent(await c.post(`/v/${d.provider}`, d), d, d.provider);
    });

    test("createVerifier-style options: several providers on one route (detected), or pinned to one", async () => {
      const c = await fw.serve([
        { path: "/multi", options: sharedVerifierOptions() },
        { path: "/pinned", options: { ...sharedVerifierOptions(), provider: "textbee" } },
      ]);
      for (const d of sharedDeliveries) assertEvent(await c.post("/multi", d), d, `multi ${d.provider}`);
      assertEvent(await c.post("/pinned", textbee), textbee, "pinned textbee");
      const standard = sharedDeliveries.find((d) => d.provider === "standard");
      assertRefusal(await c.post("/pinned", standard), "missing_signature", 401, "pinned: a standard delivery");
    });

    test("a prebuilt Verifier, alone or as { verifier, onError }", async () => {
      const verifier = createVerifier(sharedVerifierOptions());
      const c = await fw.serve([
        { path: "/prebuilt", options: verifier },
        { path: "/prebuilt-handled", options: { verifier }, onError: true },
      ]);
      for (const d of sharedDeliveries) assertEvent(await c.post("/prebuilt", d), d, `prebuilt ${d.provider}`);
      assertRefusal(await c.post("/prebuilt", flipped(textbee)), "signature_mismatch", 401, "prebuilt, flipped");
      const handled = await c.post("/prebuilt-handled", flipped(textbee));
      assert.equal(handled.status, 418);
      assert.deepEqual(handled.body, { handled: "signature_mismatch" });
      assert.equal(c.errors.length, 1);
      assert.ok(c.errors[0] instanceof WebhookVerificationError);
    });

    test("refusals: a flipped body byte is 401 signature_mismatch, a missing signature 401", async () => {
      const signed = deliveries.filter((d) => d.provider !== "httpsms"); // httpSMS's token does not cover the body
      const c = await fw.serve(signed.map((d) => ({ path: `/v/${d.provider}`, options: verifyStyle(d) })));
      for (const d of signed) assertRefusal(await c.post(`/v/${d.provider}`, flipped(d)), "signature_mismatch", 401, d.provider);
      assertRefusal(await c.post("/v/textbee", { ...textbee, headers: { "content-type": "application/json" } }), "missing_signature", 401, "no signature");
    });

    test("a body over maxBodyBytes is 413 body_too_large (declared or chunked); onError is called instead when given", async () => {
      assert.ok(Buffer.byteLength(textbee.body) > 64);
      const c = await fw.serve([
        { path: "/small", options: verifyStyle(textbee, { maxBodyBytes: 64 }) },
        { path: "/small-handled", options: verifyStyle(textbee, { maxBodyBytes: 64 }), onError: true },
        { path: "/big", options: verifyStyle(textbee, { maxBodyBytes: Buffer.byteLength(textbee.body) }) },
      ]);
      assertRefusal(await c.post("/small", textbee), "body_too_large", 413, "declared length");
      assertRefusal(await c.post("/small", textbee, { stream: true }), "body_too_large", 413, "chunked");
      for (const stream of [false, true]) {
        const handled = await c.post("/small-handled", textbee, { stream });
        assert.equal(handled.status, 418);
        assert.deepEqual(handled.body, { handled: "body_too_large" });
      }
      assert.equal(c.errors.length, 2);
      assert.ok(c.errors.every((e) => e instanceof WebhookVerificationError && e.code === "body_too_large" && e.status === 413));
      // Exactly at the limit is accepted, sent either way.
      assertEvent(await c.post("/big", textbee), textbee, "at the limit");
      assertEvent(await c.post("/big", textbee, { stream: true }), textbee, "at the limit, chunked");
    });

    test("options are checked when the helper is created: a typo or a bad secret throws at startup", async () => {
      const cases = [
        [{ provider: "textbee", secret: textbee.secret, toleranceSecond: 5 }, "invalid_argument", /toleranceSecond/],
        [{ secrets: { textbee: textbee.secret }, maxBodyByte: 5 }, "invalid_argument", /maxBodyByte/],
        [{ provider: "textbe", secret: textbee.secret }, "unknown_provider", /unknown provider/],
        [{ secrets: { textbee: textbee.secret }, provider: "zuc" }, "unknown_provider", /zuc/],
        [{ provider: "telnyx", secret: "not a key" }, "invalid_secret", /./],
        [{ secret: textbee.secret }, "invalid_argument", /provider is required/],
        [{ provider: "textbee" }, "invalid_argument", /secret is required/],
        [{ secrets: { textbee: textbee.secret }, secret: "x" }, "invalid_argument", /either secrets/],
        [{ provider: "textbee", secret: textbee.secret, onError: "log" }, "invalid_argument", /onError must be a function/],
        [{ verifier: {} }, "invalid_argument", /verifier must be a Verifier/],
        [{ verifier: createVerifier({ secrets: { textbee: textbee.secret } }), now: 1 }, "invalid_argument", /only provider and onError/],
        [{ provider: "twilio", secret: "t", publicUrl: "hooks.example.com" }, "invalid_argument", /publicUrl/],
      ];
      for (const [options, code, message] of cases) {
        await assert.rejects(fw.create(options), (e) => {
          assert.ok(e instanceof WebhookVerificationError, `${JSON.stringify(options)}: ${e}`);
          assert.equal(e.code, code, JSON.stringify(options));
          assert.match(e.message, message, JSON.stringify(options));
          return true;
        });
      }
    });

    if (fw.nodeUrl) {
      test("twilio (URL-signed, form body): publicUrl, or trustProxy with X-Forwarded-Proto/Host; neither is a clear error", async () => {
        const { secret } = twilioDelivery("/");
        const c = await fw.serve([
          { path: "/twilio/public", options: { provider: "twilio", secret, publicUrl: `${PUBLIC_ORIGIN}/` } },
          { path: "/twilio/proxy", options: { provider: "twilio", secret, trustProxy: true } },
          { path: "/twilio/bare", options: { provider: "twilio", secret } },
        ]);
        const pub = twilioDelivery("/twilio/public?tenant=7");
        assertEvent(await c.post("/twilio/public?tenant=7", pub), pub, "publicUrl");
        assert.equal((await c.post("/twilio/public?tenant=8", pub)).status, 401, "another query");
        const proxy = twilioDelivery("/twilio/proxy?tenant=7");
        const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" };
        assertEvent(await c.post("/twilio/proxy?tenant=7", proxy, { extraHeaders: forwarded }), proxy, "trustProxy");
        assertRefusal(await c.post("/twilio/proxy?tenant=7", proxy), "signature_mismatch", 401, "trustProxy without the forwarded headers");
        const bare = twilioDelivery("/twilio/bare");
        const failed = await c.post("/twilio/bare", bare, { extraHeaders: forwarded });
        assert.equal(failed.status, 500, JSON.stringify(failed.body));
        assert.equal(failed.body.code, "invalid_argument");
        assert.match(failed.body.message, /Twilio signs the request URL/);
      });
    } else {
      test("twilio (URL-signed, form body): the Request's URL, its origin replaced by publicUrl when given", async () => {
        const { secret } = twilioDelivery("/");
        const c = await fw.serve([
          { path: "/twilio/public", options: { provider: "twilio", secret, publicUrl: PUBLIC_ORIGIN } },
          { path: "/twilio/own", options: { provider: "twilio", secret } },
        ]);
        const pub = twilioDelivery("/twilio/public?tenant=7");
        assertEvent(await c.post("/twilio/public?tenant=7", pub), pub, "publicUrl");
        const own = twilioDelivery("/twilio/own?tenant=7", c.base);
        assertEvent(await c.post("/twilio/own?tenant=7", own), own, "the request's own URL");
        const elsewhere = twilioDelivery("/twilio/own?tenant=7");
        assertRefusal(await c.post("/twilio/own?tenant=7", elsewhere), "signature_mismatch", 401, "signed for another origin, no publicUrl");
      });
    }
  });
}

describe("framework specifics", () => {
  for (const [name, E] of [["Express 5", express], ["Express 4", express4]]) {
    test(`${name}: express.json() mounted first fails loudly, naming express.json and express.raw; express.raw first, or a skipped body, works`, async () => {
      const app = E();
      const seen = [];
      app.post("/raw", E.raw({ type: "*/*" }), expressWebhook(verifyStyle(textbee)), (req, res) => {
        res.json({ event: req.webhook, raw: req.rawBody.toString("utf8"), rawIsBuffer: Buffer.isBuffer(req.rawBody) });
      });
      app.use(E.json());
      app.post("/parsed", expressWebhook(verifyStyle(textbee)), (req, res) => {
        res.json({ event: req.webhook, raw: req.rawBody.toString("utf8"), rawIsBuffer: Buffer.isBuffer(req.rawBody) });
      });
      app.use((err, req, res, _next) => {
        seen.push(err);
        res.status(500).json({ code: err.code, message: err.message });
      });
      const c = client(await listen(app));
      assertEvent(await c.post("/raw", textbee), textbee, "express.raw first");
      const got = await c.post("/parsed", textbee);
      assert.equal(got.status, 500);
      assert.equal(got.body.code, "invalid_argument");
      assert.match(got.body.message, /express\.json\(\)/);
      assert.match(got.body.message, /express\.raw\(/);
      assert.equal(seen.length, 1);
      assert.ok(seen[0] instanceof WebhookVerificationError);
      // A content type express.json() skips leaves the stream (Express 4: and req.body = {}).
      const text = { ...textbee, headers: { ...textbee.headers, "Content-Type": "text/plain" } };
      assertEvent(await c.post("/parsed", text), textbee, "express.json() skipped the body");
    });
  }

  test("Fastify: registered inside one scope, it leaves JSON routes outside that scope alone", async () => {
    const app = Fastify();
    app.post("/json", async (request) => ({ parsed: request.body }));
    app.register(async (scope) => {
      scope.register(smshookFastify, verifyStyle(textbee));
      scope.post("/hook", async (request) => ({ event: request.webhook, raw: request.body.toString("utf8"), rawIsBuffer: Buffer.isBuffer(request.body) }));
    });
    app.register(async (sibling) => {
      sibling.post("/sibling-json", async (request) => ({ parsed: request.body, webhook: request.webhook ?? null }));
    });
    app.post("/json-after", async (request) => ({ parsed: request.body }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    onClose(() => app.close());
    const c = client(`http://127.0.0.1:${app.server.address().port}`);
    const json = { headers: { "content-type": "application/json" }, body: '{"a":1}' };
    assert.deepEqual((await c.post("/json", json)).body, { parsed: { a: 1 } });
    assert.deepEqual((await c.post("/json-after", json)).body, { parsed: { a: 1 } });
    assert.deepEqual((await c.post("/sibling-json", json)).body, { parsed: { a: 1 }, webhook: null });
    assertEvent(await c.post("/hook", textbee), textbee, "inside the scope");
    // Inside the scope every content type reaches the raw parser, even none at all.
    const headers = Object.fromEntries(Object.entries(textbee.headers).filter(([k]) => k.toLowerCase() !== "content-type"));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"]) {
      assertEvent(await c.post("/hook", { ...textbee, headers: { ...headers, "content-type": type } }), textbee, type);
    }
    const bare = await fetch(`${c.base}/hook`, { method: "POST", headers: { "x-signature": textbee.headers["X-Signature"] }, signal: AbortSignal.timeout(5000) });
    assert.equal(bare.status, 401, "an empty body without content-type is verified (and refused)");
    assert.deepEqual(await bare.json(), { error: "signature_mismatch" });
  });

  test("Fastify: with an async onSend hook, onError's reply (returned or not) is the one answer; no answer gets the default", async () => {
    const app = Fastify();
    let reached = 0;
    let sends = 0;
    const routes = {
      "/block": (err, request, reply) => { reply.code(418).send({ handled: err.code }); },
      "/returned": (err, request, reply) => reply.code(418).send({ handled: err.code }),
      "/silent": () => {},
    };
    for (const [route, onError] of Object.entries(routes)) {
      app.register(async (scope) => {
        scope.addHook("onSend", async (request, reply, payload) => {
          sends++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return payload;
        });
        scope.register(smshookFastify, { ...verifyStyle(textbee), onError });
        scope.post(route, async (request) => { reached++; return { event: request.webhook }; });
      });
    }
    await app.listen({ port: 0, host: "127.0.0.1" });
    onClose(() => app.close());
    const c = client(`http://127.0.0.1:${app.server.address().port}`);
    for (const route of ["/block", "/returned"]) {
      const got = await c.post(route, flipped(textbee));
      assert.equal(got.status, 418, route);
      assert.deepEqual(got.body, { handled: "signature_mismatch" }, route);
    }
    assertRefusal(await c.post("/silent", flipped(textbee)), "signature_mismatch", 401, "onError without an answer");
    assert.equal(reached, 0, "no refused delivery reaches the handler");
    assert.equal(sends, 3, "one answer per request");
    assertEvent(await c.post("/block", textbee), textbee, "a good delivery");
    assert.equal(reached, 1);
  });

  test("Fastify: a plugin error at registration fails app.ready()", async () => {
    const app = Fastify();
    app.register(async (scope) => scope.register(smshookFastify, { provider: "textbee", secret: textbee.secret, tolerance: 1 }));
    await assert.rejects(app.ready(), (e) => e instanceof WebhookVerificationError && e.code === "invalid_argument" && /tolerance/.test(e.message));
    await app.close();
  });

  test("Koa: a body consumed before the middleware is an invalid_argument naming Koa's body parsers, not Express", async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (err) {
        ctx.status = 500;
        ctx.body = { code: err.code, message: err.message };
      }
    });
    app.use(async (ctx, next) => { // what a body parser does
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      ctx.request.body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      await next();
    });
    app.use(smshookKoa(verifyStyle(textbee)));
    app.use((ctx) => { ctx.body = { reached: true }; });
    const c = client(await listen(app.callback()));
    const got = await c.post("/", textbee);
    assert.equal(got.status, 500);
    assert.equal(got.body.code, "invalid_argument");
    assert.match(got.body.message, /koa/i);
    assert.doesNotMatch(got.body.message, /express/i);
  });

  test("Koa: under a mounted sub-app the URL keeps the mount path (ctx.originalUrl)", async () => {
    const { secret } = twilioDelivery("/");
    const inner = smshookKoa({ provider: "twilio", secret, publicUrl: PUBLIC_ORIGIN });
    const app = new Koa();
    app.use(async (ctx, next) => { // the path rewrite koa-mount does
      if (!ctx.path.startsWith("/mounted/")) return next();
      ctx.path = ctx.path.slice("/mounted".length);
      return inner(ctx, async () => { ctx.body = { event: ctx.state.webhook, path: ctx.path }; });
    });
    const c = client(await listen(app.callback()));
    const d = twilioDelivery("/mounted/twilio?tenant=7");
    const got = await c.post("/mounted/twilio?tenant=7", d);
    assertEvent(got, d, "mounted");
    assert.equal(got.body.path, "/twilio");
  });

  test("Hono: onError returning nothing falls back to the default refusal; a thrown misconfiguration reaches app.onError", async () => {
    const app = new Hono();
    const seen = [];
    app.onError((err, c) => c.json({ code: err.code ?? null }, 500));
    app.post("/quiet", honoWebhook({ ...verifyStyle(textbee), onError: (err) => { seen.push(err.code); } }), (c) => c.json({ event: c.get("webhook") }));
    app.post("/read-first", async (c, next) => { await c.req.json(); await next(); }, honoWebhook(verifyStyle(textbee)), (c) => c.text("no"));
    const c = client("http://localhost", (url, init) => app.request(url, init));
    assertRefusal(await c.post("/quiet", flipped(textbee)), "signature_mismatch", 401, "quiet onError");
    assert.deepEqual(seen, ["signature_mismatch"]);
    assertEvent(await c.post("/quiet", textbee), textbee, "quiet, good");
    const read = await c.post("/read-first", textbee);
    assert.equal(read.status, 500);
    assert.deepEqual(read.body, { code: "invalid_argument" });
  });
});

describe("module formats", () => {
  test("import and require() give the same Node helpers, and the packed subpaths resolve", async () => {
    const cjs = {
      express: require("smshook/express"),
      fastify: require("smshook/fastify"),
      koa: require("smshook/koa"),
      hono: require("smshook/hono"),
    };
    assert.equal(cjs.express.webhook, expressWebhook);
    assert.equal(cjs.fastify, smshookFastify);
    assert.equal(cjs.fastify.default, smshookFastify);
    assert.equal(cjs.koa, smshookKoa);
    assert.equal(cjs.koa.default, smshookKoa);
    assert.equal(typeof cjs.hono.webhook, "function");
    for (const [sub, esmFile, cjsFile] of [
      ["express", "src/express.mjs", "src/express.cjs"],
      ["fastify", "src/fastify.mjs", "src/fastify.cjs"],
      ["koa", "src/koa.mjs", "src/koa.cjs"],
      ["hono", "src/hono.js", "src/hono.cjs"],
    ]) {
      assert.ok(fileURLToPath(import.meta.resolve(`smshook/${sub}`)).endsWith(path.join("smshook", esmFile)), `import smshook/${sub}`);
      assert.ok(require.resolve(`smshook/${sub}`).endsWith(path.join("smshook", cjsFile)), `require smshook/${sub}`);
    }
    // One smshook instance: a refusal from a require()d helper is the ESM class.
    assert.throws(() => cjs.koa({ provider: "textbe", secret: "x" }), WebhookVerificationError);
    assert.throws(() => cjs.hono.webhook({ provider: "textbe", secret: "x" }), WebhookVerificationError);
  });

  test("require('smshook/hono') works in a Hono app", async () => {
    const fw = hono("Hono CJS", false, require("smshook/hono").webhook);
    const c = await fw.serve([{ path: "/w", options: verifyStyle(textbee) }]);
    assertEvent(await c.post("/w", textbee), textbee, "cjs hono");
    assertRefusal(await c.post("/w", flipped(textbee)), "signature_mismatch", 401, "cjs hono, flipped");
  });

  test("a CommonJS script requires every subpath and verifies through Express", () => {
    const script = path.join(here, "frameworks", "require.cjs");
    const out = execFileSync(process.execPath, [script], {
      encoding: "utf8", timeout: 60000, env: { ...process.env, SMSHOOK_DELIVERY: JSON.stringify(textbee) },
    });
    assert.deepEqual(JSON.parse(out.trim().split("\n").pop()), { status: 200, id: textbee.expect.id, subpaths: ["express", "fastify", "hono", "koa"] });
  });
});

describe("types", () => {
  const tsc = require.resolve("typescript/bin/tsc");
  // @types/koa 3.0.3 does not type-check against the content-disposition that Express 5
  // installs (its own types, without `Options`): Koa's usage files skip the library check.
  for (const [moduleKind, resolution, files, skipLibCheck] of [
    ["nodenext", "nodenext", ["usage.mts", "usage.cts"], false],
    ["esnext", "bundler", ["usage.mts"], false],
    ["nodenext", "nodenext", ["usage-koa.mts", "usage-koa.cts"], true],
  ]) {
    test(`the subpaths' declarations type-check ${files.join(" and ")} (module ${moduleKind}, moduleResolution ${resolution})`, () => {
      const config = path.join(here, "frameworks", "types", `tsconfig.${resolution}.${files.length}.${skipLibCheck}.json`);
      fs.writeFileSync(config, JSON.stringify({
        compilerOptions: {
          noEmit: true, strict: true, skipLibCheck, target: "es2022", lib: ["es2022", "dom", "dom.iterable"],
          types: ["node"], module: moduleKind, moduleResolution: resolution,
        },
        files,
      }));
      try {
        execFileSync(process.execPath, [tsc, "-p", config], { encoding: "utf8", timeout: 120000 });
      } catch (e) {
        assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
      } finally {
        fs.rmSync(config, { force: true });
      }
    });
  }
});
