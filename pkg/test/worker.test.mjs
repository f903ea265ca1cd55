// A Worker importing the package, bundled with esbuild as wrangler would (conditions
// workerd/worker; the .wasm imported as a module: Workers refuse to compile wasm from
// bytes), run in workerd through miniflare 4 (needs Node 22). verifyRequest on a signed
// Request.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { sign, PROVIDERS } from "smshook";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECRET = "whsec_" + Buffer.from("worker-test-key-0123456789abcdef").toString("base64");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-worker-"));
let mf;
after(async () => {
  if (mf) await mf.dispose();
  fs.rmSync(out, { recursive: true, force: true });
});

// Keeps `import x from "…/smshook_bg.wasm"` as a module import next to the bundle.
const wasmModules = {
  name: "wasm-modules",
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      fs.copyFileSync(file, path.join(out, path.basename(file)));
      return { path: `./${path.basename(file)}`, external: true };
    });
  },
};

test("Worker in workerd (miniflare): verifyRequest on a signed Request", async () => {
  await esbuild.build({
    entryPoints: [path.join(here, "worker-entry.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    outfile: path.join(out, "worker.js"),
    plugins: [wasmModules],
    logLevel: "silent",
  });
  const bundle = fs.readFileSync(path.join(out, "worker.js"), "utf8");
  assert.ok(!bundle.includes("wasmBase64"), "the Worker bundle must use the workerd build");
  assert.ok(fs.existsSync(path.join(out, "smshook_bg.wasm")));

  mf = new Miniflare({
    modules: true,
    scriptPath: path.join(out, "worker.js"),
    modulesRoot: out,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-08-01",
    bindings: { SECRET },
    cf: false,
  });
  const body = JSON.stringify({ type: "custom.thing", n: 1 });
  const signed = sign({ provider: "standard", secret: SECRET, body });
  const ok = await mf.dispatchFetch("http://127.0.0.1/webhooks/standard", { method: "POST", headers: signed.headers, body });
  assert.equal(ok.status, 200);
  const event = await ok.json();
  assert.equal(event.provider, "standard");
  assert.equal(event.type, "unknown");
  assert.deepEqual(event.data, JSON.parse(body));

  const forged = await mf.dispatchFetch("http://127.0.0.1/webhooks/standard", { method: "POST", headers: signed.headers, body: body.replace("1", "2") });
  assert.equal(forged.status, 401);
  assert.deepEqual(await forged.json(), { error: "signature_mismatch", provider: "standard" });

  // Inside workerd: a 64 MiB stream is read only up to the limit (plus one chunk), in a
  // Request-like object and in a workerd Request. (Not sent from outside: workerd then
  // closes the connection while the client is still writing, as it should.)
  const limit = await (await mf.dispatchFetch("http://127.0.0.1/limit")).json();
  console.log(`workerd verifyRequest, maxBodyBytes 1024: ${JSON.stringify(limit)}`);
  for (const form of ["Request", "Request-like"]) {
    assert.equal(limit[form].code, "body_too_large", form);
    assert.ok(limit[form].pulled > 1024 && limit[form].pulled <= 1024 + 512, `${form}: pulled ${limit[form].pulled}`);
  }
  assert.equal(limit["Request-like"].cancelled, true);

  const info = await mf.dispatchFetch("http://127.0.0.1/info");
  assert.deepEqual(await info.json(), { providers: PROVIDERS.length, detected: "standard", type: "unknown" });
});
