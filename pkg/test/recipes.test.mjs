// The README as shipped (node_modules/smshook/README.md), checked against the installed
// package so that the docs cannot rot:
// - every example body (a block tagged ```json smshook-example=<id> expect=<type> […]) goes
//   through sign() then verify() and gives that event type; each provider has one;
// - every TypeScript block follows a `<!-- recipe: examples/<file> -->` line and equals that
//   file of pkg/examples/, and every file there is shown;
// - every recipe type-checks (tsc --strict; deno check for the Deno one) against the
//   installed package and the frameworks' own types; the sign recipe also runs.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sign, verify, PROVIDERS } from "smshook";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const installed = path.dirname(require.resolve("smshook/package.json"));
const project = path.resolve(installed, "../.."); // the test project holding node_modules/smshook
const README = fs.readFileSync(path.join(installed, "README.md"), "utf8");

/** pkg/examples: not in the tarball, so found beside the test sources or the vectors. */
function examplesDir() {
  const candidates = [
    process.env.SMSHOOK_EXAMPLES,
    path.join(here, "..", "examples"),
    process.env.SMSHOOK_VECTORS && path.join(process.env.SMSHOOK_VECTORS, "..", "..", "pkg", "examples"),
  ].filter(Boolean);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "express.mts")));
  assert.ok(found, `pkg/examples not found (tried ${candidates.join(", ")}); set SMSHOOK_EXAMPLES`);
  return found;
}
const EXAMPLES = examplesDir();

/** The README's fenced blocks: { info, content, line, marker } (marker: the recipe path). */
function fencedBlocks(text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    assert.ok(i < lines.length, `README.md line ${start + 1}: unclosed code block`);
    let before = start - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    const marker = before >= 0 ? /^<!-- recipe: (examples\/[\w.-]+) -->$/.exec(lines[before]) : null;
    blocks.push({ info: open[1].trim(), content: body.join("\n"), line: start + 1, marker: marker ? marker[1] : null });
  }
  return blocks;
}
const BLOCKS = fencedBlocks(README);

// ---------------------------------------------------------------------------------------
// Example bodies: sign() then verify().

/** Test secrets, one per provider, in each provider's format. */
const SECRETS = {
  textbee: "test-textbee-secret-0123456789", // sign() requires 20 characters
  "messages-dev": "test_messages_dev_secret",
  zuc: "test_zuc_secret",
  httpsms: "test-httpsms-signing-key",
  textus: "textus-test1234567890",
  standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  twilio: "test-twilio-auth-token",
  // RFC 8032 test 1: sign with the seed, verify with the public key.
  telnyx: { sign: "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=", verify: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" },
  vonage: "test-vonage-signature-secret",
  plivo: "test-plivo-auth-token",
  sinch: "test-sinch-webhook-secret",
};
const signSecret = (id) => (typeof SECRETS[id] === "string" ? SECRETS[id] : SECRETS[id].sign);
const verifySecret = (id) => (typeof SECRETS[id] === "string" ? SECRETS[id] : SECRETS[id].verify);
const URL_SIGNED = new Set(["twilio", "plivo"]);

/** `json smshook-example=twilio expect=message.received url=…` → its attributes. */
function exampleOf(block) {
  const words = block.info.split(/\s+/);
  if (!words.some((w) => w.startsWith("smshook-example="))) return null;
  const attrs = Object.fromEntries(words.slice(1).map((w) => {
    const eq = w.indexOf("=");
    assert.ok(eq > 0, `README.md line ${block.line}: "${w}" is not name=value`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  }));
  for (const key of Object.keys(attrs)) {
    assert.ok(["smshook-example", "expect", "url", "now"].includes(key), `README.md line ${block.line}: unknown attribute ${key}`);
  }
  assert.ok(["json", "text"].includes(words[0]), `README.md line ${block.line}: example language must be json or text`);
  assert.ok(attrs.expect, `README.md line ${block.line}: expect=<event type> is required`);
  return { line: block.line, body: block.content, provider: attrs["smshook-example"], expect: attrs.expect, url: attrs.url, now: attrs.now === undefined ? undefined : Number(attrs.now) };
}
const EXAMPLE_BODIES = BLOCKS.map(exampleOf).filter(Boolean);

test("README: an example body for every provider", () => {
  const ids = PROVIDERS.map((p) => p.id).sort();
  const shown = [...new Set(EXAMPLE_BODIES.map((e) => e.provider))].sort();
  assert.deepEqual(shown, ids);
  console.log(`# ${EXAMPLE_BODIES.length} example bodies for ${shown.length} providers`);
});

for (const example of EXAMPLE_BODIES) {
  const { provider, body, url, now, expect: type } = example;
  test(`README example body (line ${example.line}): ${provider} → ${type}`, () => {
    assert.equal(URL_SIGNED.has(provider), url !== undefined, "twilio and plivo examples need url=, the others none");
    if (body.trimStart().startsWith("{")) JSON.parse(body); // a JSON example is valid JSON
    const signed = sign({ provider, secret: signSecret(provider), body, url, now });
    const delivery = { secret: verifySecret(provider), headers: signed.headers, body: signed.body, url: signed.url, now };
    const event = verify({ ...delivery, provider });
    assert.equal(event.type, type);
    if (provider === "standard" && type !== "unknown") {
      // "A smshook event (what the Worker forwards) comes back unchanged."
      assert.deepEqual(event, JSON.parse(body));
    } else {
      assert.equal(event.provider, provider);
    }
    // "Each id is also a detect result": the same delivery without `provider`.
    assert.deepEqual(verify(delivery), event);
  });
}

// "A signed body without those fields is malformed_payload" (standard: any JSON object).
for (const { id } of PROVIDERS) {
  test(`README: a signed {} is ${id === "standard" ? "an unknown event" : "malformed_payload"} for ${id}`, () => {
    const url = URL_SIGNED.has(id) ? `https://hooks.example.com/webhooks/${id}` : undefined;
    const signed = sign({ provider: id, secret: signSecret(id), body: "{}", url });
    const run = () => verify({ provider: id, secret: verifySecret(id), headers: signed.headers, body: "{}", url: signed.url });
    if (id === "standard") assert.equal(run().type, "unknown");
    else assert.throws(run, { code: "malformed_payload" });
  });
}

// ---------------------------------------------------------------------------------------
// Recipes: verbatim in the README, and type-checked.

const CODE_LANGUAGES = new Set(["ts", "typescript", "js", "javascript", "mts", "cts", "mjs", "cjs", "tsx", "jsx"]);
const RECIPE_FILES = fs.readdirSync(EXAMPLES).filter((f) => /\.(mts|cts|ts)$/.test(f)).sort();
const REQUIRED = ["express.mts", "fastify.mts", "koa.mts", "hono.mts", "next-route.mts", "cloudflare-worker.mts",
  "deno.ts", "bun.mts", "node-http.cts", "create-verifier.mts", "sign-for-tests.mts"];

test("README: every code block is a recipe file, and every recipe file is shown once", () => {
  const shown = [];
  for (const block of BLOCKS) {
    const language = block.info.split(/\s+/)[0];
    if (!CODE_LANGUAGES.has(language)) {
      assert.equal(block.marker, null, `README.md line ${block.line}: a recipe marker before a ${language || "plain"} block`);
      continue;
    }
    assert.ok(block.marker, `README.md line ${block.line}: a ${language} block without a <!-- recipe: examples/… --> line before it`);
    shown.push(block.marker.slice("examples/".length));
  }
  assert.deepEqual([...shown].sort(), RECIPE_FILES, "README recipes vs pkg/examples files (each exactly once)");
  for (const name of REQUIRED) assert.ok(RECIPE_FILES.includes(name), `pkg/examples/${name} is missing`);
  console.log(`# ${shown.length} recipes`);
});

for (const block of BLOCKS.filter((b) => b.marker)) {
  test(`README recipe ${block.marker} (line ${block.line}) equals its file`, () => {
    const file = path.join(EXAMPLES, block.marker.slice("examples/".length));
    assert.ok(fs.existsSync(file), `${file} does not exist`);
    assert.equal(block.content + "\n", fs.readFileSync(file, "utf8"));
  });
}

// The recipes are copied into the test project, so that "smshook" is the installed package
// (its types through package.json "exports") and the frameworks resolve from the
// node_modules above it.
const CHECK = fs.mkdtempSync(path.join(project, ".recipes-"));
after(() => fs.rmSync(CHECK, { recursive: true, force: true }));
for (const file of RECIPE_FILES) fs.copyFileSync(path.join(EXAMPLES, file), path.join(CHECK, file));

/** A strict-only error: proves the check runs under `strict` and reports errors. */
const CANARY = "canary.mts";
fs.writeFileSync(path.join(CHECK, CANARY), "export function canary(x) { return x; }\n");

function tsc(name, compilerOptions, files) {
  const config = path.join(CHECK, `tsconfig.${name}.json`);
  fs.writeFileSync(config, JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom", "dom.iterable"],
      types: ["node"], skipLibCheck: true, ...compilerOptions,
    },
    files: [...files, CANARY],
  }, null, 2));
  const result = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config, "--pretty", "false"],
    { encoding: "utf8", timeout: 110000 });
  const errors = `${result.stdout}${result.stderr}`.split("\n").filter((l) => /error TS\d+/.test(l));
  const isCanary = (l) => l.includes(`${path.basename(CHECK)}/${CANARY}(`);
  const canary = errors.filter(isCanary);
  assert.equal(canary.length, 1, `the canary's implicit any must be the one strict error it has:\n${errors.join("\n")}`);
  assert.match(canary[0], /TS7006/);
  const real = errors.filter((l) => !isCanary(l));
  assert.equal(real.length, 0, `recipes do not type-check (${name}):\n${real.join("\n")}`);
}

const NODE_RECIPES = RECIPE_FILES.filter((f) => /\.(mts|cts)$/.test(f));

test(`recipes type-check: tsc strict, module nodenext (${NODE_RECIPES.length} files)`, () => {
  tsc("nodenext", { module: "nodenext", moduleResolution: "nodenext" }, NODE_RECIPES);
});

test("recipes type-check: tsc strict, moduleResolution bundler (the .mts files)", () => {
  tsc("bundler", { module: "esnext", moduleResolution: "bundler" }, NODE_RECIPES.filter((f) => f.endsWith(".mts")));
});

test("deno.ts type-checks with deno check (npm:smshook from the test project's node_modules)", () => {
  const denoDir = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-deno-"));
  try {
    execFileSync(process.execPath, [require.resolve("deno/bin.cjs"), "check", path.join(CHECK, "deno.ts")], {
      cwd: project, encoding: "utf8", timeout: 110000, stdio: "pipe",
      env: { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    });
  } catch (e) {
    assert.fail(`deno check failed:\n${e.stdout}${e.stderr}`);
  } finally {
    fs.rmSync(denoDir, { recursive: true, force: true });
  }
});

test("the sign-for-tests recipe runs and passes", () => {
  const { transformSync } = require("esbuild");
  const source = fs.readFileSync(path.join(CHECK, "sign-for-tests.mts"), "utf8");
  const out = path.join(CHECK, "sign-for-tests.mjs");
  fs.writeFileSync(out, transformSync(source, { loader: "ts", format: "esm" }).code);
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // a top-level run of its own, not a child of this runner
  const result = spawnSync(process.execPath, ["--test", "--test-reporter=tap", out], { encoding: "utf8", timeout: 60000, env });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  assert.match(result.stdout, /^# pass 2$/m);
});
