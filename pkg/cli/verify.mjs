/**
 * `smshook verify`: verifies a captured delivery (a whole request, or headers and body
 * files) with the package's diagnose(), prints the normalized event or the error code
 * with the diagnosis in plain language. Exit 0 verified, 1 refused.
 */
import { InputError, intOption, parseArgs, secretOption, UsageError, urlOption } from "./args.mjs";
import { checkProvider, readInput } from "./input.mjs";
import { columns, painter, printable, shorten } from "./output.mjs";

const SPEC = {
  options: {
    provider: { type: "string" },
    secret: { type: "string" },
    url: { type: "string" },
    request: { type: "string" },
    headers: { type: "string" },
    body: { type: "string" },
    now: { type: "string" },
    audience: { type: "string" },
    subject: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
};

/** The event's fields, in the order SPEC section 2 lists them (data apart). */
const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

/** Reads the delivery from --request, or --headers and --body: { headers, body, url, notes }. */
async function readDelivery(options, capture) {
  if (options.request !== undefined) {
    if (options.headers !== undefined) {
      throw new UsageError("--request holds the headers: pass it alone (with --body for curl -v output), or --headers and --body", "verify");
    }
    // The bytes themselves: the head is read as latin1, the body kept exact (even non-UTF-8).
    const bytes = await readInput(options.request, "--request");
    let parsed;
    try {
      parsed = capture.parseCapture(bytes);
    } catch (error) {
      if (error instanceof capture.CaptureError) throw new InputError(`--request ${options.request}: ${error.message}`);
      throw error;
    }
    const url = /^https?:\/\//i.test(parsed.url ?? "") ? parsed.url : undefined;
    // curl -v prints no request body: it comes from --body then.
    if (options.body !== undefined && parsed.body !== null) {
      throw new UsageError("--request already holds the body; --body is for captures without one (curl -v output)", "verify");
    }
    const body = options.body !== undefined ? await readInput(options.body, "--body") : parsed.body ?? "";
    const notes = (parsed.notes ?? []).filter((n) => options.body === undefined || !/body/i.test(n) || !/curl -v/i.test(n));
    return { headers: parsed.headers, body, url, notes };
  }
  if (options.headers === undefined || options.body === undefined) {
    throw new UsageError("pass --request FILE, or both --headers FILE and --body FILE", "verify");
  }
  if (options.headers === "-" && options.body === "-") throw new UsageError("--headers and --body cannot both be stdin (-)", "verify");
  const headerText = (await readInput(options.headers, "--headers")).toString("utf8");
  let headers;
  try {
    headers = capture.parseHeaderLines(headerText);
  } catch (error) {
    if (error instanceof capture.CaptureError) throw new InputError(`--headers ${options.headers}: ${error.message}`);
    throw error;
  }
  return { headers, body: await readInput(options.body, "--body"), url: undefined, notes: [] };
}

/** The human lines of a verified event: aligned key/value pairs. */
function eventLines(paint, event) {
  const show = (value) => (value === null || value === undefined ? paint.dim("-") : printable(typeof value === "string" ? value : JSON.stringify(value)));
  const rows = FIELDS.map((name) => [`  ${name}`, name === "text" && event.text !== null ? printable(JSON.stringify(event.text)) : show(event[name])]);
  rows.push(["  data", printable(shorten(JSON.stringify(event.data), 100))]);
  return columns(rows);
}

/** The human lines of the findings: confirmed (the fixed variant verifies) or possible, what is wrong, and the fix. */
function findingLines(paint, findings) {
  const lines = [];
  for (const finding of findings) {
    const label = finding.confirmed ? paint.green("confirmed:") : paint.yellow("possible:");
    lines.push(`  ${label} ${printable(finding.message)}${paint.dim(` (${printable(finding.code)})`)}`);
    if (finding.fix) lines.push(`    ${paint.bold("fix:")} ${printable(finding.fix)}`);
  }
  return lines;
}

/** Runs `smshook verify` with `argv`; returns the exit code. */
export async function verifyCommand(argv, { smshook }) {
  const { options } = parseArgs(argv, SPEC, "verify");
  const secret = secretOption(options, "secret", "SMSHOOK_SECRET", "verify");
  const now = intOption(options, "now", undefined, 0, Number.MAX_SAFE_INTEGER, "verify");
  // Checked as a URL, but passed on as typed: Twilio and Plivo sign the exact string, which
  // new URL() would change (it lowercases the host, drops :443, escapes ').
  const urlGiven = options.url === undefined ? undefined : (urlOption(options.url, "--url", "verify"), options.url.trim());
  const [capture, { diagnose }] = await Promise.all([import("../src/capture.js"), import("../src/diagnose.js")]);
  const delivery = await readDelivery(options, capture);
  const input = { secret, headers: delivery.headers, body: delivery.body };
  if (options.provider !== undefined) input.provider = checkProvider(options.provider, smshook.PROVIDERS);
  const url = urlGiven ?? delivery.url;
  if (url !== undefined) input.url = url;
  if (now !== undefined) input.now = now;
  if (options.audience !== undefined) input.audience = options.audience;
  if (options.subject !== undefined) input.subject = options.subject;

  const result = diagnose(smshook, input);
  const findings = result.findings ?? [];
  if (options.json) {
    const out = result.verified
      ? { verified: true, provider: result.provider ?? result.event.provider, event: result.event, findings, notes: delivery.notes }
      : { verified: false, provider: result.provider ?? null, code: result.code, message: result.message, findings, notes: delivery.notes };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    const paint = painter(process.stdout);
    const lines = [];
    if (result.verified) {
      lines.push(`${paint.green(paint.bold("verified"))}  ${result.event.provider} ${result.event.type}`);
      lines.push(...eventLines(paint, result.event));
    } else {
      lines.push(`${paint.red(paint.bold("refused"))}  ${paint.red(result.code)}: ${printable(result.message)}${result.provider ? paint.dim(` (${result.provider})`) : ""}`);
      if (findings.length === 0) lines.push(paint.dim("  no usual mistake found: check the secret is this endpoint's, and that the capture is the provider's request"));
    }
    lines.push(...findingLines(paint, findings));
    for (const note of delivery.notes) lines.push(paint.dim(`  note: ${printable(note)}`));
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return result.verified ? 0 : 1;
}
