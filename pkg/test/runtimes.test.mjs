// The package's entry points outside plain Node's: Deno (`npm:smshook` and the bare name,
// from the test project's node_modules, with no permission flag and no network), Bun
// (`import` and `require`), and the export names of every entry compared with index.d.ts
// and core.js, so that an export added to core.js cannot be forgotten in one entry.
// deno and bun are the npm binaries pinned in pkg/package.json (node_modules/.bin).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { assertVectorRun, publicNames, PACKAGE_ROOT } from "./runtimes/expect.mjs";

const require = createRequire(import.meta.url);
const { loadFiles } = require("./vectors-lib.cjs");
const here = path.dirname(fileURLToPath(import.meta.url));
const PROJECT = path.dirname(here); // the test project: its node_modules holds the tarball
const entry = (name) => path.join(PACKAGE_ROOT, "src", name);

/**
 * Exports of core.js that are not public API: the entries' wasm binding, a helper of its
 * own, and the Verifier class (built by createVerifier only; index.d.ts declares its
 * interface). Any other export of core.js must be declared in index.d.ts and exported by
 * every entry (src/public.js for the ESM entries, src/node.cjs for Node and Bun).
 */
const INTERNAL = new Set(["bindWasm", "normalizeHeaders", "Verifier"]);

/** A binary from pkg/node_modules/.bin (Node's lookup walks up from the test project). */
function bin(name) {
  for (let dir = here; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", ".bin", name);
    if (fs.existsSync(file)) return file;
    assert.notEqual(path.dirname(dir), dir, `no node_modules/.bin/${name}: run npm ci in pkg/`);
  }
}

/** Runs a runtime on a script with the vector files on stdin; returns its JSON output. */
function runScript(command, args, env) {
  const files = loadFiles();
  const out = spawnSync(command, args, {
    cwd: PROJECT,
    input: JSON.stringify(files),
    encoding: "utf8",
    timeout: 120000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...env },
  });
  assert.equal(out.error, undefined, `${path.basename(command)}: ${out.error}`);
  assert.equal(out.status, 0, `${path.basename(command)} ${args.join(" ")} exited ${out.status}:\n${out.stderr}\n${out.stdout}`);
  const line = out.stdout.trim().split("\n").pop();
  return { files, result: JSON.parse(line), stderr: out.stderr };
}

test("every entry exports exactly the public API of index.d.ts, and core.js has nothing public left out", async () => {
  const names = publicNames();
  const core = await import(pathToFileURL(entry("core.js")).href);
  const coreNames = Object.keys(core).filter((n) => !INTERNAL.has(n)).sort();
  const wanted = names.filter((n) => n !== "PROVIDERS");
  for (const n of coreNames) {
    assert.ok(wanted.includes(n),
      `core.js exports ${n}, which index.d.ts does not declare: declare it there and export it ` +
        "from every entry (src/public.js, src/node.cjs), or list it in INTERNAL in this test");
  }
  for (const n of wanted) assert.ok(coreNames.includes(n), `index.d.ts declares ${n}, which core.js does not export`);
  assert.ok(!("PROVIDERS" in core), "PROVIDERS comes from each entry's wasm binding");

  const sorted = (m) => Object.keys(m).sort();
  assert.deepEqual(sorted(require("smshook")), names, "require: src/node.cjs");
  assert.deepEqual(sorted(await import("smshook")), names, "import: src/node.mjs");
  // In Node, "smshook/inline" is the Node build (one instance with "smshook"); its browser
  // file, src/inline.js, is checked by browser.test.mjs in Chromium.
  const inline = await import("smshook/inline");
  assert.deepEqual(sorted(inline), names, "smshook/inline in Node");
  assert.equal(inline.PROVIDERS, (await import("smshook")).PROVIDERS, "smshook/inline in Node: the Node build");
  assert.equal(require("smshook/inline").verify, require("smshook").verify, "require(\"smshook/inline\") in Node: the Node build");

  // workerd.js, bundled as wrangler does (its .wasm import given as a WebAssembly.Module),
  // evaluated here in Node. (deno.js: the Deno test; web.js: bundlers.test.mjs, in Chromium.)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-entries-"));
  try {
    const wasmAsModule = {
      name: "wasm-as-module",
      setup(build) {
        build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), namespace: "wasm" }));
        build.onLoad({ filter: /.*/, namespace: "wasm" }, (args) => ({
          contents: `import fs from "node:fs"; export default new WebAssembly.Module(fs.readFileSync(${JSON.stringify(args.path)}));`,
          loader: "js",
        }));
      },
    };
    await esbuild.build({
      stdin: { contents: 'export * from "smshook";', resolveDir: here },
      bundle: true, format: "esm", platform: "node",
      conditions: ["workerd", "worker", "browser"],
      outfile: path.join(out, "workerd.mjs"),
      metafile: true,
      plugins: [wasmAsModule],
      logLevel: "silent",
    }).then((r) => assert.ok(Object.keys(r.metafile.inputs).some((f) => f.endsWith("smshook/src/workerd.js"))));
    const workerd = await import(pathToFileURL(path.join(out, "workerd.mjs")).href);
    assert.deepEqual(sorted(workerd), names, "workerd: src/workerd.js");
    assert.equal(workerd.detect(workerd.sign({ provider: "standard", secret: "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", body: "{}" }).headers), "standard");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("Deno: npm:smshook with no permission flag verifies every vector", () => {
  const denoDir = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-deno-"));
  try {
    // Offline: no remote modules, npm packages only from node_modules, no lock file written.
    const { files, result } = runScript(bin("deno"), [
      "run", "--no-remote", "--cached-only", "--no-lock", "--no-prompt", "--no-config",
      "--node-modules-dir=manual", path.join(here, "runtimes", "deno.mjs"),
    ], { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" });
    assertVectorRun(result, files, "Deno");
    assert.match(result.userAgent, /^Deno\//);
    assert.equal(result.readDenied, "NotCapable", "the script ran without read permission");
    const denoEntry = pathToFileURL(entry("deno.js")).href;
    assert.equal(result.resolved, denoEntry, "the bare name resolves to the deno condition's entry");
    assert.equal(result.npmResolved, denoEntry, "npm:smshook resolves to the installed package");
    assert.equal(result.inlineResolved, denoEntry, "smshook/inline too (no read permission needed either)");
    assert.equal(result.sameModule, true);
    assert.equal(result.event, "standard");
    assert.deepEqual(result.refusal, { code: "signature_mismatch", status: 401, provider: "standard", ours: true });
  } finally {
    fs.rmSync(denoDir, { recursive: true, force: true });
  }
});

test("Bun: import verifies every vector, sharing one instance with require", () => {
  const { files, result } = runScript(bin("bun"), ["--no-install", path.join(here, "runtimes", "bun-import.mjs")], { DO_NOT_TRACK: "1" });
  assertVectorRun(result, files, "Bun import");
  assert.match(result.userAgent, /^Bun\//);
  assert.equal(result.resolved, pathToFileURL(entry("node.mjs")).href);
  assert.equal(result.sameInstance, true);
  assert.equal(result.event, "standard");
  assert.deepEqual(result.refusal, { code: "signature_mismatch", status: 401, provider: "standard", ours: true });
});

test("Bun: require verifies every vector", () => {
  const { files, result } = runScript(bin("bun"), ["--no-install", path.join(here, "runtimes", "bun-require.cjs")], { DO_NOT_TRACK: "1" });
  assertVectorRun(result, files, "Bun require");
  assert.equal(result.resolved, entry("node.cjs"));
});
