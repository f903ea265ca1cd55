// Cloudflare Workers (workerd, wrangler, miniflare): Workers refuse to compile wasm from
// bytes, so the .wasm is imported as a module (a WebAssembly.Module) and instantiated
// synchronously.
import { initSync, verifyBytes, verifyText, signBytes, detect as detectJson, providers, httpStatus } from "../dist/web/smshook.js";
import wasmModule from "../dist/web/smshook_bg.wasm";
import { bindWasm } from "./core.js";

initSync({ module: wasmModule });

export const PROVIDERS = bindWasm({ verifyBytes, verifyText, signBytes, detect: detectJson, providers, httpStatus });
export {
  verify,
  sign,
  detect,
  WebhookVerificationError,
  verifyRequest,
  verifyNodeRequest,
  expressWebhook,
} from "./core.js";
