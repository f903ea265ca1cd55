// The public API every ESM entry re-exports (`export * from "./public.js"`), beside the
// `PROVIDERS` list that each entry builds when it binds its wasm. One list, so a new
// export of core.js cannot be forgotten in one entry; node.cjs keeps the CommonJS twin of
// this list, and test/runtimes.test.mjs compares every entry's export names with
// index.d.ts and core.js.
export {
  verify,
  sign,
  detect,
  WebhookVerificationError,
  verifyRequest,
  verifyNodeRequest,
  expressWebhook,
  createVerifier,
} from "./core.js";
