// Type declarations for smshook, as `import` sees them (the "import" types condition).
// The declarations live in index.d.cts (the "require" condition); re-exporting them keeps
// one set of types for both module systems, as the runtime keeps one instance.
export * from "./index.cjs";
