"use strict";
// Every shared vector through `require("smshook")` (CommonJS).
const { describe, it } = require("node:test");
const smshook = require("smshook");
const { registerVectors } = require("./vectors-lib.cjs");

registerVectors(smshook, { describe, it }, "cjs");
