// `bun` with `import` (runtimes.test.mjs): the vectors come on stdin, the result goes to
// stdout as JSON; `sameInstance`: import and require("smshook") share one module.
import { createRequire } from "node:module";
import * as smshook from "smshook";
import { run } from "./run-vectors.mjs";

const result = await run(await Bun.stdin.text());
const required = createRequire(import.meta.url)("smshook");
result.sameInstance = required.PROVIDERS === smshook.PROVIDERS && required.WebhookVerificationError === smshook.WebhookVerificationError;
console.log(JSON.stringify(result));
