// One adapter per framework for the shared framework tests. `serve(routes)` builds a real
// app with one POST route per `{ path, options, onError }` (the helper mounted with those
// options; `onError: true` adds the framework's onError, which records the error and
// answers 418 `{ handled: code }`), whose handler answers `{ event, raw? }`; a thrown
// misconfiguration answers 500 `{ code, message }`. It resolves to a client (servers.mjs).
import express5 from "express";
import express4 from "express4";
import Fastify from "fastify";
import Koa from "koa";
import { Hono } from "hono";
import { webhook as expressWebhook } from "smshook/express";
import smshookFastify from "smshook/fastify";
import smshookKoa from "smshook/koa";
import { webhook as honoWebhook } from "smshook/hono";
import { listen, client, fetchHandler, onClose } from "./servers.mjs";

/** The route's helper options, with the framework's onError when asked for. */
function withOnError(route, onError) {
  return route.onError ? { ...route.options, onError } : route.options;
}

function express(name, E) {
  return {
    name,
    nodeUrl: true,
    /** Builds the helper alone (startup checks). */
    create: async (options) => expressWebhook(options),
    async serve(routes, { before } = {}) {
      const app = E();
      const seen = [];
      if (before) before(app, E);
      for (const route of routes) {
        const options = withOnError(route, (err, req, res) => {
          seen.push(err);
          res.status(418).json({ handled: err.code });
        });
        app.post(route.path, expressWebhook(options), (req, res) => {
          res.json({ event: req.webhook, raw: req.rawBody.toString("utf8"), rawIsBuffer: Buffer.isBuffer(req.rawBody) });
        });
      }
      app.use((err, req, res, _next) => res.status(500).json({ code: err.code ?? null, message: err.message }));
      const c = client(await listen(app));
      c.errors = seen;
      return c;
    },
  };
}

const fastify = {
  name: "Fastify 5",
  nodeUrl: true,
  create: async (options) => {
    const app = Fastify();
    app.register(smshookFastify, options);
    try {
      await app.ready();
    } finally {
      await app.close();
    }
  },
  async serve(routes, { before } = {}) {
    const app = Fastify();
    const seen = [];
    app.setErrorHandler((err, request, reply) => reply.code(500).send({ code: err.code ?? null, message: err.message }));
    if (before) before(app);
    for (const route of routes) {
      const options = withOnError(route, (err, request, reply) => {
        seen.push(err);
        return reply.code(418).send({ handled: err.code });
      });
      app.register(async (scope) => {
        scope.register(smshookFastify, options);
        scope.post(route.path, async (request) => ({
          event: request.webhook, raw: request.body.toString("utf8"), rawIsBuffer: Buffer.isBuffer(request.body),
        }));
      });
    }
    await app.listen({ port: 0, host: "127.0.0.1" });
    onClose(() => app.close());
    const c = client(`http://127.0.0.1:${app.server.address().port}`);
    c.errors = seen;
    return c;
  },
};

const koa = {
  name: "Koa 3",
  nodeUrl: true,
  create: async (options) => smshookKoa(options),
  async serve(routes, { before } = {}) {
    const app = new Koa();
    const seen = [];
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (err) {
        ctx.status = 500;
        ctx.body = { code: err.code ?? null, message: err.message };
      }
    });
    if (before) before(app);
    for (const route of routes) {
      const middleware = smshookKoa(withOnError(route, (err, ctx) => {
        seen.push(err);
        ctx.status = 418;
        ctx.body = { handled: err.code };
      }));
      app.use((ctx, next) => {
        if (ctx.method !== "POST" || ctx.path !== route.path) return next();
        return middleware(ctx, async () => {
          ctx.body = { event: ctx.state.webhook };
        });
      });
    }
    const c = client(await listen(app.callback()));
    c.errors = seen;
    return c;
  },
};

/** Hono, in-process through app.request() or on a real node:http server. */
function hono(name, onServer, middleware = honoWebhook) {
  return {
    name,
    nodeUrl: false,
    create: async (options) => middleware(options),
    async serve(routes) {
      const app = new Hono();
      const seen = [];
      app.onError((err, c) => c.json({ code: err.code ?? null, message: err.message }, 500));
      for (const route of routes) {
        const options = withOnError(route, (err, c) => {
          seen.push(err);
          return c.json({ handled: err.code }, 418);
        });
        app.post(route.path, middleware(options), (c) => c.json({ event: c.get("webhook") }));
      }
      const c = onServer
        ? client(await listen(fetchHandler((request) => app.fetch(request))))
        : client("http://localhost", (url, init) => app.request(url, init));
      c.errors = seen;
      return c;
    },
  };
}

export const frameworks = [
  express("Express 5", express5),
  express("Express 4", express4),
  fastify,
  koa,
  hono("Hono (app.request)", false),
  hono("Hono (node:http)", true),
];

export { hono };
