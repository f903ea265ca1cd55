// smshook/express via import: the CommonJS build re-exported, so that import and require()
// share one smshook instance (one WebhookVerificationError class).
import express from "./express.cjs";

export const { webhook } = express;
