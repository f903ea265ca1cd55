// Servers and clients for the framework tests: every server listens on 127.0.0.1 (port 0)
// with request timeouts, and closeAll() stops them.
import http from "node:http";

const closers = [];

/** Stops every server started here. */
export async function closeAll() {
  await Promise.all(closers.splice(0).map((close) => close()));
}

/** Registers a close function (Fastify's app.close()). */
export function onClose(close) {
  closers.push(close);
}

/** A node:http server for a (req, res) handler; resolves to its base URL. */
export async function listen(handler) {
  const server = http.createServer(handler);
  server.requestTimeout = 5000;
  server.headersTimeout = 5000;
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * The request stream as a Fetch body. Cancelling it (smshook does past maxBodyBytes) drains
 * the rest instead of destroying the request, which would take the socket, and the answer,
 * with it.
 */
function bodyStream(req) {
  let open = true;
  return new ReadableStream({
    start(controller) {
      req.on("data", (chunk) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        if (controller.desiredSize <= 0) req.pause();
      });
      req.on("end", () => { if (open) { open = false; controller.close(); } });
      req.on("error", (error) => { if (open) { open = false; controller.error(error); } });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}

/**
 * The smallest node:http to Fetch adapter, for Hono's app.fetch on a real server: the
 * Request's URL from Host and the path, its body the request stream.
 */
export function fetchHandler(fetchFn) {
  return async (req, res) => {
    try {
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method, headers, body: hasBody ? bodyStream(req) : undefined, duplex: "half",
      });
      const response = await fetchFn(request);
      res.writeHead(response.status, [...response.headers].flat());
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.statusCode = 502;
      res.end(`adapter: ${error && error.message}`);
    }
  };
}

/** The answer as `{ status, body }`, the body parsed when it is JSON. */
async function answer(response) {
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, body: type.includes("json") && text !== "" ? JSON.parse(text) : text };
}

/** The body as a stream of small chunks: sent chunked, with no Content-Length. */
function chunked(body) {
  const bytes = Buffer.from(body);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) { controller.close(); return; }
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + 16)));
      at += 16;
    },
  });
}

/**
 * A client posting deliveries through `fetchFn(url, init)`, to `base` + path: a real
 * server's fetch, or Hono's app.request in-process. `errors` collects what onError saw.
 */
export function client(base, fetchFn = fetch) {
  return {
    /** The origin requests are sent to (the URL a Fetch app sees). */
    base,
    errors: [],
    /** POSTs `{ headers, body }` (extra headers merged; `stream: true` sends it chunked). */
    async post(path, { headers = {}, body = "" }, { extraHeaders = {}, stream = false } = {}) {
      const init = { method: "POST", headers: { ...headers, ...extraHeaders }, body: stream ? chunked(body) : body, signal: AbortSignal.timeout(5000) };
      if (stream) init.duplex = "half";
      return answer(await fetchFn(`${base}${path}`, init));
    },
  };
}
