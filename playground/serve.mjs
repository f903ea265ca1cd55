// Serves the built playground (playground/dist) on 127.0.0.1 only: plain static files,
// GET and HEAD, the right content types, nothing else. Prints the URL.
// Usage: node playground/serve.mjs [--port 8080]   (--port 0 picks a free port)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** The port of `--port N` (default 8080); exits 2 with the usage for any other argument or a bad port. */
function portOf(args) {
  const at = args.indexOf("--port");
  const rest = at === -1 ? args : args.filter((a, i) => i !== at && i !== at + 1);
  if (rest.length > 0) fail(`unknown argument ${rest[0]} (usage: node playground/serve.mjs [--port 8080])`);
  if (at === -1) return 8080;
  const port = Number(args[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port takes a port number (0 to 65535)");
  return port;
}

function fail(message) {
  console.error(`playground serve: ${message}`);
  process.exit(2);
}

/** Answers one request with the file of dist it names, or 404 / 405. */
function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
    res.end("method not allowed\n");
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  } catch {
    pathname = "";
  }
  const file = path.join(DIST, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
  let body = null;
  if (file.startsWith(DIST + path.sep) && !pathname.includes("\0")) {
    try {
      body = fs.readFileSync(file);
    } catch {
      body = null;
    }
  }
  if (body === null) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found\n");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[path.extname(file)] || "application/octet-stream",
    "content-length": body.length,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

const port = portOf(process.argv.slice(2));
if (!fs.existsSync(path.join(DIST, "index.html"))) fail("playground/dist is not built: run node playground/build.mjs (or make playground)");
const server = http.createServer(handle);
server.on("error", (error) => fail(error.message));
server.listen(port, "127.0.0.1", () => {
  console.log(`playground: serving playground/dist at http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
