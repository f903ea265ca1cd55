// smshook/fastify via import: the CommonJS build re-exported, so that import and require()
// share one smshook instance (one WebhookVerificationError class).
import smshookFastify from "./fastify.cjs";

export default smshookFastify;
