// Imported first by app.js, so that it runs before the package compiles its inlined wasm:
// an error thrown while the page starts (a browser without WebAssembly, a bad bundle) or
// left unhandled later is shown in #load-error instead of leaving a dead page.

/** Shows `error`'s message in #load-error (as text, never as HTML). */
function showError(error) {
  const box = document.getElementById("load-error");
  if (!box) return;
  const message = error !== null && typeof error === "object" && "message" in error ? error.message : String(error);
  const started = document.documentElement.dataset.ready === "true";
  box.textContent = started
    ? `The playground hit an error: ${message} (reload the page to start again)`
    : `The playground could not start: ${message}`;
  box.hidden = false;
}

window.addEventListener("error", (event) => showError(event.error ?? event.message));
window.addEventListener("unhandledrejection", (event) => showError(event.reason));
