// Browsers and bundlers (Vite, webpack, esbuild, Rollup): the .wasm is inlined as base64
// and instantiated synchronously at import time: no fetch, no plugin, no top-level await.
import { initSync, verifyBytes, verifyText, signBytes, detect as detectJson, providers, httpStatus } from "../dist/web/smshook.js";
import { wasmBase64 } from "../dist/web/wasm-inline.js";
import { bindWasm } from "./core.js";

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

initSync({ module: decodeBase64(wasmBase64) });

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
