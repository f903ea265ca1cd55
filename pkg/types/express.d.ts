// Types of smshook/express for import: the same declarations as express.d.cts (require()), which
// hold them once (as index.d.ts re-exports index.d.cts).
export * from "./express.cjs";
