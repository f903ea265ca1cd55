// Type-checked (never run) by frameworks.test.mjs: smshook/koa through import (apart from
// the other frameworks: @types/koa needs skipLibCheck with the pinned dev dependencies).
import Koa from "koa";
import type { ProviderEvent } from "smshook";
import smshookKoa from "smshook/koa";

type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(): void;

// Koa: ctx.state.webhook after the middleware, typed by its providers.
const koa = new Koa();
koa.use(smshookKoa({ provider: "twilio", secret: "t", publicUrl: "https://hooks.example.com" })).use((ctx) => {
  check<Is<typeof ctx.state.webhook, ProviderEvent<"twilio">>>();
  const event: ProviderEvent<"twilio"> = ctx.state.webhook;
  ctx.body = { sid: event.data.MessageSid ?? null };
});
koa.use(smshookKoa({ secrets: { textbee: "s" }, onError: (err, ctx) => { ctx.status = err.status; } }));
// @ts-expect-error onError is a function
smshookKoa({ provider: "textbee", secret: "s", onError: "log" });

