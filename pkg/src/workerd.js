// Cloudflare Workers (workerd, wrangler, miniflare): Workers refuse to compile wasm from
// bytes, so the .wasm is imported as a module (a WebAssembly.Module) and instantiated
// synchronously.
// The whole wasm-bindgen module goes to bindWasm, as node.cjs passes its CommonJS twin:
// a new export of the core needs no edit here.
import * as glue from "../dist/web/smshook.js";
import wasmModule from "../dist/web/smshook_bg.wasm";
import { bindWasm } from "./core.js";

glue.initSync({ module: wasmModule });

export const PROVIDERS = bindWasm(glue);
export * from "./public.js";
