// Deno (`import … from "npm:smshook"`, or from node_modules): the .wasm is imported as
// module source (`import source`, a WebAssembly.Module loaded like any module, so no
// --allow-read is needed) and instantiated synchronously. Deno's require() does not use
// the "deno" condition: CommonJS code gets the Node build, which reads the file (and so
// needs --allow-read).
// The whole wasm-bindgen module goes to bindWasm, as node.cjs passes its CommonJS twin:
// a new export of the core needs no edit here.
import * as glue from "../dist/web/smshook.js";
import source wasmModule from "../dist/web/smshook_bg.wasm";
import { bindWasm } from "./core.js";

glue.initSync({ module: wasmModule });

export const PROVIDERS = bindWasm(glue);
export * from "./public.js";
