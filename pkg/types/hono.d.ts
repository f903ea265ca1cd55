// Types of smshook/hono for import: the same declarations as hono.d.cts (require()), which
// hold them once (as index.d.ts re-exports index.d.cts).
export * from "./hono.cjs";
