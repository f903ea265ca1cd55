// What every entry point must export, and the check of a vector run, shared by the
// runtime and bundler suites.
import assert from "node:assert/strict";
import path from "node:path";
import { createRequire } from "node:module";
import ts from "typescript";

const require = createRequire(import.meta.url);
const { expectedTally, describeTally } = require("../vectors-lib.cjs");

/** The installed package's folder. */
export const PACKAGE_ROOT = path.dirname(require.resolve("smshook/package.json"));

let names = null;

/**
 * The runtime names (values, not types) that the package's declarations give "smshook",
 * as TypeScript resolves them from the test project (nodenext; for `import` and for
 * `require`, which must agree), sorted: the public API every entry must export, no more.
 */
export function publicNames() {
  if (names === null) {
    const views = ["mts", "cts"].map((ext) => valueExports(path.join(PACKAGE_ROOT, "..", "..", `smshook-public-names.${ext}`)));
    assert.deepEqual(views[1], views[0], "the require and import types declare the same values");
    names = views[0];
    assert.ok(names.includes("verify") && names.includes("PROVIDERS"), `the types declare verify and PROVIDERS: ${names}`);
  }
  return names;
}

/** The value exports of "smshook" seen from a virtual file `file` (.mts or .cts). */
function valueExports(file) {
  const source = 'import * as smshook from "smshook";\nexport type T = typeof smshook;\n';
  const options = {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022, noEmit: true, types: [], skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f === file || fileExists.call(host, f);
  host.readFile = (f) => (f === file ? source : readFile.call(host, f));
  host.getSourceFile = (f, language, ...rest) =>
    f === file ? ts.createSourceFile(f, source, language) : getSourceFile.call(host, f, language, ...rest);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const specifier = program.getSourceFile(file).statements[0].moduleSpecifier;
  const module = checker.getSymbolAtLocation(specifier);
  assert.ok(module, `TypeScript resolves "smshook" from ${file}`);
  return checker.getExportsOfModule(module)
    .filter((s) => ((s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value) !== 0)
    .map((s) => s.name)
    .sort();
}

/**
 * Checks what `runVectors` (browser-entry.js) returned against the vector files: no
 * failure, every case run, the tally the files ask for, every provider, and the entry's
 * export names. `label` names the runtime in the log.
 */
export function assertVectorRun(got, files, label) {
  const total = files.reduce((n, f) => n + f.cases.length, 0);
  const want = expectedTally(files);
  console.log(`${label}: ${got.count} vectors (${got.userAgent})`);
  console.log(`${label} vectors, from the files: ${describeTally(want)}`);
  console.log(`${label} vectors, checked:        ${describeTally(got.tally)}`);
  // A short message: a diff of hundreds of failures takes the reporter minutes.
  assert.equal(got.failures.length, 0,
    `${label}: ${got.failures.length} failures, the first ones:\n${got.failures.slice(0, 10).join("\n")}`);
  assert.equal(got.count, total);
  assert.deepEqual(got.tally, want);
  assert.deepEqual([...got.providers].sort(), files.map((f) => f.provider).sort());
  assert.deepEqual(got.exportNames, publicNames(), `${label}: the entry's export names`);
}
