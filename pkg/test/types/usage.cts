// CommonJS consumers (module nodenext, require) get the same declarations.
import smshook = require("smshook");
const e: smshook.WebhookEvent = smshook.verify({ secret: "s", headers: {}, body: "" });
const code: smshook.ErrorCode = "signature_mismatch";
console.log(e.type, code, smshook.PROVIDERS.length);
