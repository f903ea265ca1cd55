// Node via import: the same instance as require("smshook") (one WebhookVerificationError
// class, one wasm instance), so mixing ESM and CJS code is safe.
import api from "./node.cjs";

export const {
  verify,
  sign,
  detect,
  PROVIDERS,
  WebhookVerificationError,
  verifyRequest,
  verifyNodeRequest,
  expressWebhook,
} = api;
