// index.d.ts, as resolved through package.json "exports" by TypeScript (nodenext and
// bundler resolution), type-checks a usage file with the expected errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const here = path.dirname(fileURLToPath(import.meta.url));

for (const [moduleKind, resolution, files, lib] of [
  ["nodenext", "nodenext", ["usage.mts", "usage.cts"], ["es2022", "dom", "dom.iterable"]],
  ["esnext", "bundler", ["usage.mts"], ["es2022", "dom", "dom.iterable"]],
  ["nodenext", "nodenext", ["usage-nodom.mts"], ["es2022"]],
]) {
  test(`types: module ${moduleKind}, moduleResolution ${resolution}, lib ${lib}`, () => {
    const config = path.join(here, "types", `tsconfig.${resolution}.${lib.length}.json`);
    fs.writeFileSync(config, JSON.stringify({
      compilerOptions: {
        noEmit: true, strict: true, skipLibCheck: false, target: "es2022", types: [],
        lib, module: moduleKind, moduleResolution: resolution,
      },
      files,
    }));
    const args = [tsc, "-p", config];
    try {
      execFileSync(process.execPath, args, { encoding: "utf8", timeout: 60000 });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
  });
}
