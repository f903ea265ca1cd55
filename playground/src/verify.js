// The verify mode: reads the form (a captured request, or headers and body), runs
// diagnose() with the wasm core and shows the verdict, the findings, the normalized event
// and the raw payload.
import { parseCapture, parseHeaderLines } from "../../pkg/src/capture.js";
import { diagnose } from "../../pkg/src/diagnose.js";
import { samplesOf } from "../../pkg/dist/samples.js";
import { bodyText, prettyPayload } from "./text.js";

/** Whether the provider signs the request URL (twilio, plivo). */
const signsUrl = (provider) => provider !== null && samplesOf(provider).some((s) => s.signsUrl);

/**
 * The verify() input of the form's values: `request` (parsed with parseCapture) when it is
 * not blank, else `headers` (parseHeaderLines) and `body`. The `url` field wins over the
 * captured request's URL; a captured URL counts only when absolute. What the capture parser
 * adjusted or doubts is pushed to `info.notes`; `info.urlFromCapture` tells where the URL
 * came from; `info.fromTextBox` whether the body was typed or pasted as text (not a HAR,
 * whose escapes keep a CRLF the browser would turn into LF). Throws CaptureError.
 */
export function readInput(values, info = { notes: [], urlFromCapture: false, fromTextBox: false }) {
  const input = { secret: values.secret };
  if (values.provider) input.provider = values.provider;
  let url = values.url.trim();
  if (values.request.trim() !== "") {
    const capture = parseCapture(values.request);
    info.fromTextBox = capture.format !== "har";
    input.headers = capture.headers;
    input.body = capture.body ?? "";
    info.notes.push(...(capture.notes ?? []));
    if (url === "" && /^https?:\/\//i.test(capture.url ?? "")) {
      url = capture.url;
      info.urlFromCapture = true;
    }
  } else {
    input.headers = parseHeaderLines(values.headers);
    input.body = values.body;
    info.fromTextBox = true;
  }
  if (url !== "") input.url = url;
  return input;
}

/** Verifies the form's delivery; returns diagnose()'s result, or a capture error as one. */
export function check(smshook, values) {
  let input;
  const info = { notes: [], urlFromCapture: false, fromTextBox: false };
  const notes = info.notes;
  try {
    input = readInput(values, info);
  } catch (error) {
    if (error && error.code === "invalid_capture") {
      return { verified: false, code: error.code, message: error.message, provider: null, findings: [], input: null, detected: null, notes };
    }
    throw error;
  }
  // detect() names the delivery's provider; the event's can differ (standard carrying a smshook event).
  // It refuses headers verify() refuses too (a NUL in a value): diagnose() then reports why.
  let detected = null;
  if (!input.provider) {
    try { detected = smshook.detect(input.headers); } catch { detected = null; }
  }
  if (info.urlFromCapture && signsUrl(input.provider ?? detected)) {
    notes.push(`URL from the captured request: ${input.url} (fill the URL field when the provider requested another)`);
  }
  const result = diagnose(smshook, input);
  if (info.fromTextBox && !result.verified) result.findings = result.findings.map(textBoxFix);
  return { ...result, input, detected, notes };
}

/** The fix of a CRLF body pasted into a text box: it cannot come through one. */
const TEXT_BOX_CRLF = "the browser turns CRLF into LF in a text box: verify this delivery from a HAR file " +
  "(the escapes keep the bytes) or with `npx smshook verify --request FILE`";

/** A finding with the fix that applies when the body came from a text box. */
function textBoxFix(finding) {
  return finding.code === "body_line_endings" && finding.confirmed ? { ...finding, fix: TEXT_BOX_CRLF } : finding;
}

/**
 * check()'s result for an error it threw (a bug, or input nothing above foresaw): the
 * error's code (or "error") and message, so that the page never keeps a stale verdict.
 */
export function errorResult(error) {
  const code = error !== null && typeof error === "object" && typeof error.code === "string" && error.code !== "" ? error.code : "error";
  const message = error !== null && typeof error === "object" && "message" in error ? String(error.message) : String(error);
  return { verified: false, code, message: message || "unexpected error", provider: null, findings: [], input: null, detected: null, notes: [] };
}

/** Shows a result of check() in the page's result elements (`el`: id → element). */
export function show(el, result, chosenProvider) {
  el.verdict.textContent = result.verified ? "verified" : result.code;
  el.verdict.className = `verdict ${result.verified ? "ok" : "bad"}`;
  el["result-provider"].textContent = chosenProvider ? chosenProvider
    : result.detected ? `${result.detected} (detected)`
    : result.input ? "no provider detected" : "";
  el["result-message"].textContent = result.verified
    ? `A genuine ${result.event.type} event${result.event.id ? ` (id ${result.event.id})` : ""}.`
    : sentence(result.message);
  el.notes.replaceChildren(...result.notes.map((note) => {
    const li = document.createElement("li");
    li.textContent = sentence(note);
    return li;
  }));
  el.findings.replaceChildren(...findingItems(result));
  el.event.textContent = result.verified ? JSON.stringify(result.event, null, 2) : "";
  el.payload.textContent = result.input ? prettyPayload(result.input.body) : "";
  if (result.input && bodyText(result.input.body) === "") el.payload.textContent = "(empty body)";
}

/** The findings as list items: what is wrong, then how to fix it. */
function findingItems(result) {
  if (result.verified) return [];
  if (result.findings.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = result.code === "signature_mismatch"
      ? "None of the usual mistakes explains it: the body, the secret or the URL differs from what the provider signed."
      : "No further diagnosis for this error.";
    return [li];
  }
  return result.findings.map((finding) => {
    const li = document.createElement("li");
    li.dataset.code = finding.code;
    const what = document.createElement("strong");
    what.textContent = sentence(finding.message);
    li.append(what);
    if (finding.fix) {
      const fix = document.createElement("span");
      fix.className = "fix";
      fix.textContent = ` Fix: ${sentence(finding.fix)}`;
      li.append(fix);
    }
    return li;
  });
}

/** A message as a sentence: capital first letter, final period. */
function sentence(text) {
  const s = String(text ?? "").trim();
  if (s === "") return "";
  return s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}
