// The app that Vite and webpack bundle with no configuration (bundlers.test.mjs): the
// shared vectors runner, over the default browser build of "smshook". Importing it waits
// for smshook's top-level await (the .wasm fetched and compiled); then the page is ready.
import "../../browser-entry.js";

globalThis.smshookReady = true;
