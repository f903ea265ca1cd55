// Node and Bun via import: the CommonJS build re-exported, so that `import` and
// `require("smshook")` share one instance (one WebhookVerificationError class, one wasm
// instance) and mixing ESM and CJS code is safe. The names come from node.cjs's
// `exports.NAME =` lines.
export * from "./node.cjs";
