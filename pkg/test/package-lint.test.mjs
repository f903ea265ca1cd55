// The packed tarball (SMSHOOK_TARBALL, set by run.sh) as the type and packaging linters
// see it: "Are the Types Wrong?" (attw, strict profile: node10, node16 from CJS and ESM,
// bundler) finds no problem in any entry point, the root's types are the intended files
// (require: index.d.cts; import: index.d.ts), and publint --strict finds no error or
// warning. Both tools run offline: a preloaded guard refuses and records any connection,
// DNS lookup or fetch, and the test fails if one was attempted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const TARBALL = process.env.SMSHOOK_TARBALL;
const ATTW = path.join(path.dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist", "index.js");
const PUBLINT = path.join(path.dirname(require.resolve("publint")), "cli.js");
// The subpaths of this round's framework helpers (SPEC section 4).
const FRAMEWORK_SUBPATHS = ["./express", "./fastify", "./koa", "./hono"];
const ROOT_TYPES = {
  node10: "index.d.cts",
  "node16-cjs": "index.d.cts",
  "node16-esm": "index.d.ts",
  bundler: "index.d.ts",
};

/** Refuses the network in the tools' processes (and their workers), recording each attempt. */
const GUARD = `"use strict";
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");
const log = process.env.SMSHOOK_NETWORK_LOG;
function refuse(what) {
  fs.appendFileSync(log, what + "\\n");
  throw new Error("package-lint: network access refused (" + what + ")");
}
net.Socket.prototype.connect = function (options) { refuse("connect " + JSON.stringify(options)); };
dns.lookup = (host) => refuse("dns.lookup " + host);
dns.promises.lookup = async (host) => refuse("dns.promises.lookup " + host);
globalThis.fetch = async (input) => refuse("fetch " + String(input && input.url || input));
`;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "smshook-lint-"));
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
const guardFile = path.join(scratch, "no-network.cjs");
fs.writeFileSync(guardFile, GUARD);

/** Runs a node script under the network guard; returns { status, stdout, stderr, attempts }. */
function offline(args, label) {
  const log = path.join(scratch, `${label}.network.log`);
  const run = spawnSync(process.execPath, args, {
    encoding: "utf8",
    timeout: 120000,
    cwd: scratch,
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS || ""} --require ${JSON.stringify(guardFile)}`.trim(),
      SMSHOOK_NETWORK_LOG: log,
      NO_COLOR: "1",
      FORCE_COLOR: "0",
    },
  });
  assert.equal(run.error, undefined, `${label}: ${run.error}`);
  const attempts = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  return { ...run, attempts };
}

test("package-lint: the tarball is there (run through test/run.sh)", () => {
  assert.ok(TARBALL, "SMSHOOK_TARBALL is not set: run bash test/run.sh");
  assert.ok(fs.statSync(TARBALL).size > 0, TARBALL);
});

test("package-lint: the network guard refuses and records a connection", () => {
  const run = offline(["-e", 'fetch("http://127.0.0.1:9/").then(() => process.exit(0), (e) => { console.log(String(e)); process.exit(3); })'], "guard");
  assert.equal(run.status, 3, run.stdout + run.stderr);
  assert.deepEqual(run.attempts, ["fetch http://127.0.0.1:9/"]);
  const socket = offline(["-e", 'try { require("node:net").connect(9, "127.0.0.1"); } catch { process.exit(4); }'], "guard-net");
  assert.equal(socket.status, 4, socket.stdout + socket.stderr);
  assert.equal(socket.attempts.length, 1);
});

// attw once, on the whole tarball (every entry point it discovers from "exports").
const attw = TARBALL
  ? offline([ATTW, TARBALL, "--format", "json", "--no-definitely-typed", "--profile", "strict"], "attw")
  : null;
const analysis = attw && attw.stdout.trim().startsWith("{") ? JSON.parse(attw.stdout).analysis : null;

test("package-lint: attw ran offline on the tarball", () => {
  assert.ok(attw, "no tarball");
  assert.deepEqual(attw.attempts, [], "attw tried the network");
  assert.ok(analysis, `attw printed no analysis (exit ${attw.status}):\n${attw.stdout}\n${attw.stderr}`);
  assert.equal(analysis.packageName, "smshook");
  assert.ok(analysis.types && analysis.types.kind === "included", `attw found no bundled types: ${JSON.stringify(analysis.types)}`);
  // attw exits 1 exactly when it found problems: agree with the JSON.
  assert.equal(attw.status, analysis.problems.length === 0 ? 0 : 1, attw.stderr);
});

/** attw's problems for one entry point, readable. */
function problemsOf(subpath) {
  return analysis.problems
    .filter((p) => p.entrypoint === subpath || (subpath === "." && p.entrypoint === undefined))
    .map((p) => {
      const hint = p.kind === "NoResolution" && p.resolutionKind === "node10" && subpath !== "."
        ? " (node10 does not read \"exports\": a subpath needs a typesVersions entry or a <name>.d.ts at the package root)"
        : "";
      return `${p.resolutionKind || "any resolution"}: ${p.kind}${p.fileName ? ` in ${p.fileName}` : ""}${hint}`;
    });
}

test("package-lint: attw: the root's types are index.d.cts for require and index.d.ts for import", () => {
  assert.ok(analysis, "no attw analysis");
  const root = analysis.entrypoints["."];
  assert.ok(root, `entry points: ${Object.keys(analysis.entrypoints)}`);
  for (const [kind, file] of Object.entries(ROOT_TYPES)) {
    const resolution = root.resolutions[kind] && root.resolutions[kind].resolution;
    assert.ok(resolution, `${kind}: "smshook" resolves to no types`);
    assert.equal(resolution.fileName, `/node_modules/smshook/${file}`, kind);
    assert.ok(root.resolutions[kind].implementationResolution, `${kind}: "smshook" resolves to no JavaScript`);
  }
  assert.deepEqual(problemsOf("."), [], "attw problems for \"smshook\"");
});

for (const subpath of analysis ? Object.keys(analysis.entrypoints).filter((s) => s !== ".") : []) {
  test(`package-lint: attw: no problems for "smshook${subpath.slice(1)}"`, () => {
    const resolutions = analysis.entrypoints[subpath].resolutions;
    assert.deepEqual(Object.keys(resolutions).sort(), Object.keys(ROOT_TYPES).sort(), "resolution modes checked");
    assert.deepEqual(problemsOf(subpath), [], `attw problems for "smshook${subpath.slice(1)}"`);
  });
}

test("package-lint: attw checked the framework subpaths", () => {
  assert.ok(analysis, "no attw analysis");
  const missing = FRAMEWORK_SUBPATHS.filter((s) => !(s in analysis.entrypoints));
  assert.deepEqual(missing, [], `package.json "exports" lacks ${missing.join(", ")}`);
});

test("package-lint: publint --strict on the tarball: no errors or warnings", () => {
  assert.ok(TARBALL, "no tarball");
  const run = offline([PUBLINT, "run", "--strict", TARBALL], "publint");
  assert.deepEqual(run.attempts, [], "publint tried the network");
  const output = `${run.stdout}${run.stderr}`;
  assert.match(output, /Linting\.\.\./, `publint did not lint:\n${output}`);
  assert.doesNotMatch(output, /^(Errors|Warnings):/m, output);
  assert.equal(run.status, 0, output);
  console.log(output.trim());
});
