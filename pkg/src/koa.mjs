// smshook/koa via import: the CommonJS build re-exported, so that import and require()
// share one smshook instance (one WebhookVerificationError class).
import smshookKoa from "./koa.cjs";

export default smshookKoa;
