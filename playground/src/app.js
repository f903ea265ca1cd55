// The playground's entry point (bundled by build.mjs as one classic script, so the page
// also works from file://): wires the tabs, the verify form and the generate form. The
// package comes with its wasm inlined; no request is made after the page has loaded, and
// no value is stored (no storage, no cookie, no URL change: forms use method="dialog").
import "./boot.js";
import * as smshook from "../../pkg/src/inline.js";
import { check, errorResult, show } from "./verify.js";
import { findSample, generate, sampleProviders } from "./generate.js";
import { ed25519PublicKey } from "./public-key.js";
import { samplesOf } from "../../pkg/dist/samples.js";

const byId = (id) => document.getElementById(id);
const RESULT_IDS = ["verdict", "result-provider", "result-message", "notes", "findings", "event", "payload"];

/** Adds `<option>`s (value, label) to a select. */
function fillSelect(select, options) {
  for (const [value, label] of options) {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = label;
    select.append(option);
  }
}

/** Tabs with the keyboard pattern of WAI-ARIA: arrows, Home, End move and select. */
function setUpTabs() {
  const tabs = [byId("tab-verify"), byId("tab-generate")];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      byId(t.getAttribute("aria-controls")).hidden = !on;
    }
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const next = tabs[(to + tabs.length) % tabs.length];
      select(next);
      next.focus();
    });
  });
  return select;
}

/** The verify form: runs on submit, never navigates. */
function setUpVerify(form) {
  const el = Object.fromEntries(RESULT_IDS.map((id) => [id, byId(id)]));
  fillSelect(form.elements.provider, smshook.PROVIDERS.map((p) => [p.id, p.name]));
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = {};
    for (const name of ["provider", "secret", "url", "headers", "body", "request"]) values[name] = form.elements[name].value;
    // Always a fresh verdict: an unexpected error is shown as one, never the previous result.
    let result;
    try {
      result = check(smshook, values);
    } catch (error) {
      result = errorResult(error);
    }
    try {
      show(el, result, values.provider);
    } catch (error) {
      show(el, errorResult(error), values.provider);
    }
  });
}

/** The generate form: signs on submit; "load" copies the delivery into the verify form. */
function setUpGenerate(form, verifyForm, selectTab) {
  const f = form.elements;
  let current = null;
  let sample = null;
  fillSelect(f["gen-provider"], sampleProviders(smshook.PROVIDERS).map((p) => [p.id, p.name]));
  const pickProvider = () => {
    f["gen-event"].replaceChildren();
    fillSelect(f["gen-event"], samplesOf(f["gen-provider"].value).map((s) => [s.eventType, s.eventType]));
    sample = findSample(f["gen-provider"].value, f["gen-event"].value);
    f["gen-secret"].value = sample.secret;
  };
  f["gen-provider"].addEventListener("change", pickProvider);
  f["gen-event"].addEventListener("change", () => {
    const next = findSample(f["gen-provider"].value, f["gen-event"].value);
    if (f["gen-secret"].value === sample.secret) f["gen-secret"].value = next.secret;
    sample = next;
  });
  pickProvider();
  const out = (id, text) => { byId(id).textContent = text; };
  // A second submit during the WebCrypto await starts a new run: only the latest one shows.
  let runs = 0;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const run = ++runs;
    const chosen = findSample(f["gen-provider"].value, f["gen-event"].value);
    sample = chosen;
    const secret = f["gen-secret"].value;
    byId("gen-load").disabled = true;
    let result;
    try {
      result = generate(smshook, chosen, secret, f["gen-url"].value.trim());
    } catch (error) {
      current = null;
      out("gen-status", `${error.code ?? "error"}: ${error.message}`);
      for (const id of ["gen-headers", "gen-body", "gen-curl"]) out(id, "");
      return;
    }
    let keyNote = "";
    if (chosen.secret !== chosen.verifySecret && secret !== chosen.secret) {
      // An asymmetric scheme (Telnyx's Ed25519) with the user's own seed: verify needs its public key.
      const publicKey = await ed25519PublicKey(secret);
      if (run !== runs) return;
      result.verify.secret = publicKey ?? "";
      keyNote = publicKey ? ` Verify with the seed's public key ${publicKey}.`
        : " This browser cannot derive the seed's public key: enter it in the verify form.";
    }
    current = result;
    const seconds = new Date().toISOString().slice(0, 19).replace("T", " ");
    out("gen-status", `A ${chosen.provider} ${chosen.eventType} delivery signed at ${seconds} UTC` +
      (chosen.signsUrl ? ` for ${result.url}` : "") + `. Sample body from ${chosen.source}.${keyNote}`);
    out("gen-headers", result.headerText);
    out("gen-body", result.body);
    out("gen-curl", result.curl);
    byId("gen-load").disabled = false;
  });
  byId("gen-load").addEventListener("click", () => {
    if (!current) return;
    for (const [name, value] of Object.entries(current.verify)) verifyForm.elements[name].value = value;
    selectTab(byId("tab-verify"));
    byId("verify-submit").focus();
  });
}

function main() {
  const selectTab = setUpTabs();
  const verifyForm = byId("verify-form");
  setUpVerify(verifyForm);
  setUpGenerate(byId("generate-form"), verifyForm, selectTab);
  document.documentElement.dataset.ready = "true";
}

try {
  main();
} catch (error) {
  const box = byId("load-error");
  box.textContent = `The playground could not start: ${error && error.message}`;
  box.hidden = false;
  throw error;
}
