// Every shared vector through `import "smshook"` (ESM).
import { describe, it } from "node:test";
import { createRequire } from "node:module";
import * as smshook from "smshook";

const require = createRequire(import.meta.url);
const { registerVectors } = require("./vectors-lib.cjs");

registerVectors(smshook, { describe, it }, "esm");
