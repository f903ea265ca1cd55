// "smshook/inline": the .wasm inlined as base64 and instantiated synchronously at import:
// no fetch, no asset, no top-level await. For bundlers that do not emit
// `new URL(…, import.meta.url)` assets (esbuild, Rollup without a plugin), "iife" or
// single-file bundles, and pages opened from file://. The price: the JavaScript carries the
// wasm as base64 (4/3 of its size, about 150 KiB gzip); the default browser build
// (src/web.js) fetches the .wasm instead.
// The whole wasm-bindgen module goes to bindWasm, as node.cjs passes its CommonJS twin:
// a new export of the core needs no edit here.
import * as glue from "../dist/web/smshook.js";
import { wasmBase64 } from "../dist/web/wasm-inline.js";
import { bindWasm } from "./core.js";

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

glue.initSync({ module: decodeBase64(wasmBase64) });

export const PROVIDERS = bindWasm(glue);
export * from "./public.js";
