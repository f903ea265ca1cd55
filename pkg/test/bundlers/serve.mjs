// A static file server for the browser tests: 127.0.0.1, a free port, GET only, every
// request logged (path, status, content type) so that a test can tell which files the page
// fetched. `close()` stops it; each connection is closed with it.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * Serves `dir` until close(); resolves to { url, requests, close }. `types` overrides the
 * content type of an extension (e.g. { ".wasm": "application/octet-stream" }, as some
 * servers answer).
 */
export async function serve(dir, types = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    let status = 200;
    let body;
    if (req.method !== "GET" || !file.startsWith(root + path.sep)) status = 405;
    else {
      try {
        body = fs.readFileSync(file);
      } catch {
        status = 404;
      }
    }
    const ext = path.extname(file);
    const type = status === 200 ? types[ext] || TYPES[ext] || "application/octet-stream" : "text/plain";
    requests.push({ path: pathname, status, type, bytes: body ? body.length : 0 });
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(status === 200 ? body : `${status}\n`);
  });
  server.setTimeout(30000);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
