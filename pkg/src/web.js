// Browsers and bundlers that emit `new URL("…", import.meta.url)` assets (Vite, webpack 5,
// Parcel, Rspack): the .wasm stays a separate file, which the bundler copies next to the
// bundle and rewrites the URL of. It is fetched and compiled once, with top-level await,
// while this module loads; after `import`, every call is synchronous.
// Where that asset pattern is not handled (esbuild, Rollup without a plugin, an "iife"
// bundle, pages opened from file://), import "smshook/inline" (src/inline.js) instead.
// The whole wasm-bindgen module goes to bindWasm, as node.cjs passes its CommonJS twin:
// a new export of the core needs no edit here.
import * as glue from "../dist/web/smshook.js";
import { bindWasm } from "./core.js";

/** A clear error for a .wasm that did not load, naming the way out. */
function loadError(url, reason) {
  return new Error(
    `smshook: could not load its WebAssembly file from ${url} (${reason}). The browser build ` +
      `expects the bundler to emit "smshook_bg.wasm" as an asset (Vite and webpack 5 do, with ` +
      `no configuration; esbuild and Rollup do not): with those, import from "smshook/inline", ` +
      `which carries the WebAssembly inside the JavaScript.`,
  );
}

/** Fetches and compiles the .wasm (streaming when the server says application/wasm). */
async function compile(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw loadError(url, error && error.message ? error.message : String(error));
  }
  if (!response.ok) throw loadError(url, `HTTP ${response.status}`);
  const type = response.headers.get("content-type") || "";
  if (typeof WebAssembly.compileStreaming === "function" && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// The literal `new URL("…", import.meta.url)` is what bundlers look for: keep it as is.
glue.initSync({ module: await compile(new URL("../dist/web/smshook_bg.wasm", import.meta.url)) });

export const PROVIDERS = bindWasm(glue);
export * from "./public.js";
