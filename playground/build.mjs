// Builds the playground into playground/dist: src/app.js bundled by esbuild as one classic
// script (an "iife": module scripts do not load from file://) with the package's wasm
// inlined, and index.html with style.css inlined and a Content Security Policy that allows
// no connection. Prints the sizes and fails when the page without the wasm exceeds
// 100 KB gzip (measured on a second bundle where the inlined wasm is an empty stub).
// Usage: node playground/build.mjs
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const PKG = path.join(ROOT, "pkg");
const SRC = path.join(HERE, "src");
const DIST = path.join(HERE, "dist");
/** The budget of the page besides the wasm: 100 KB of gzip. */
export const LIMIT_BYTES = 100_000;

/** Thrown for a build that cannot or must not succeed; its message says what to do. */
class BuildError extends Error {}

/** Fails, naming the fix, when the package's generated files are missing. */
function checkInputs() {
  for (const file of ["dist/web/smshook.js", "dist/web/wasm-inline.js"]) {
    if (!fs.existsSync(path.join(PKG, file))) {
      throw new BuildError(`pkg/${file} is missing: pkg/dist is not built. Run bash pkg/build.sh (make playground builds it).`);
    }
  }
  if (!fs.existsSync(path.join(PKG, "dist/samples.js"))) {
    throw new BuildError("pkg/dist/samples.js is missing: run node pkg/scripts/samples.mjs (make playground does).");
  }
  for (const file of ["src/capture.js", "src/diagnose.js"]) {
    if (!fs.existsSync(path.join(PKG, file))) throw new BuildError(`pkg/${file} is missing: the playground needs it.`);
  }
}

/** esbuild, from pkg's dev dependencies. */
function loadEsbuild() {
  const require = createRequire(path.join(PKG, "package.json"));
  try {
    return require("esbuild");
  } catch {
    throw new BuildError("esbuild is not installed in pkg/node_modules: run (cd pkg && npm ci).");
  }
}

/** An esbuild plugin that replaces the inlined wasm with an empty string; counts its uses. */
function wasmStub(counter) {
  return {
    name: "smshook-wasm-stub",
    setup(build) {
      build.onResolve({ filter: /wasm-inline\.js$/ }, (args) => {
        counter.hits++;
        return { path: args.path, namespace: "wasm-stub" };
      });
      build.onLoad({ filter: /.*/, namespace: "wasm-stub" }, () => ({ contents: 'export const wasmBase64 = "";', loader: "js" }));
    },
  };
}

/** Bundles app.js (with `plugins`); resolves to the script's text. */
async function bundle(esbuild, plugins) {
  const result = await esbuild.build({
    entryPoints: [path.join(SRC, "app.js")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    plugins,
    logLevel: "error",
    // The glue's fetch fallback names import.meta.url; the inline entry never calls it.
    logOverride: { "empty-import-meta": "silent" },
  });
  return result.outputFiles[0].text;
}

/** index.html with the CSS inlined and the CSP (the style allowed by its hash) filled in. */
function page() {
  const css = fs.readFileSync(path.join(SRC, "style.css"), "utf8");
  let html = fs.readFileSync(path.join(SRC, "index.html"), "utf8");
  const link = '<link rel="stylesheet" href="style.css">';
  if (!html.includes(link) || !html.includes("%CSP%")) throw new BuildError(`src/index.html must contain ${link} and %CSP%`);
  const style = `\n${css}`;
  const hash = crypto.createHash("sha256").update(style).digest("base64");
  const csp = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'sha256-${hash}'`,
    "img-src data:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  html = html.replace("%CSP%", csp).replace(link, () => `<style>${style}</style>`);
  return html;
}

const gzip = (text) => zlib.gzipSync(text, { level: 9 }).length;

/** Builds playground/dist; resolves to the sizes in bytes. Throws BuildError. */
export async function build() {
  checkInputs();
  const esbuild = loadEsbuild();
  const app = await bundle(esbuild, []);
  const counter = { hits: 0 };
  const appWithoutWasm = await bundle(esbuild, [wasmStub(counter)]);
  const wasmBytes = fs.statSync(path.join(PKG, "dist/web/smshook_bg.wasm")).size;
  if (counter.hits === 0 || app.length - appWithoutWasm.length < wasmBytes) {
    throw new BuildError("the size without the wasm could not be measured: the inlined wasm module was not found in the bundle");
  }
  const html = page();
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(path.join(DIST, "index.html"), html);
  fs.writeFileSync(path.join(DIST, "app.js"), app);
  return {
    html: Buffer.byteLength(html), htmlGzip: gzip(html),
    app: Buffer.byteLength(app), appGzip: gzip(app),
    total: gzip(html) + gzip(app),
    withoutWasm: gzip(html) + gzip(appWithoutWasm),
  };
}

async function main() {
  try {
    const s = await build();
    const rel = path.relative(process.cwd(), DIST) || ".";
    console.log(`playground: ${rel}/index.html ${s.html} B (${s.htmlGzip} B gzip), ${rel}/app.js ${s.app} B (${s.appGzip} B gzip)`);
    console.log(`playground: gzip total ${s.total} B; gzip without the wasm ${s.withoutWasm} B (limit ${LIMIT_BYTES} B)`);
    if (s.withoutWasm > LIMIT_BYTES) {
      console.error(`playground: the page without the wasm is ${s.withoutWasm} B gzip, over the ${LIMIT_BYTES} B limit`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof BuildError) && !Array.isArray(error.errors)) throw error;
    console.error(`playground build failed: ${error.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
