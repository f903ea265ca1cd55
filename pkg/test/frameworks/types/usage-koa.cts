// Type-checked (never run) by frameworks.test.mjs: smshook/koa through require().
import Koa = require("koa");
import smshookKoa = require("smshook/koa");

const koa = new Koa();
koa.use(smshookKoa({ provider: "zuc", secret: "z" }));
koa.use(smshookKoa.default({ secrets: { zuc: "z" } }));
const state: smshookKoa.WebhookState<"zuc"> | undefined = undefined;
console.log(state);

