/**
 * `smshook send <provider> <url>`: signs sample deliveries (or a given body) exactly as
 * the provider would and POSTs them; one line per delivery; exit 1 unless every answer is 2xx.
 */
import { intOption, InputError, parseArgs, secretOption, UsageError, urlOption } from "./args.mjs";
import { post } from "./http.mjs";
import { checkProvider, readInput } from "./input.mjs";
import { columns, painter, shorten } from "./output.mjs";

const SPEC = {
  options: {
    secret: { type: "string" },
    event: { type: "string" },
    all: { type: "boolean" },
    body: { type: "string" },
    audience: { type: "string" },
    subject: { type: "string" },
    timeout: { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  positionals: ["provider", "url"],
};

/**
 * The samples `send` delivers: every one with `all`; the one whose eventType (else
 * providerEvent, any case) is `event`; else the message.received one (else the first).
 * Throws InputError for an event the provider has no sample of.
 */
export function chooseSamples(samples, { all, event }) {
  if (all) return samples;
  if (event !== undefined) {
    const byType = samples.find((s) => s.eventType === event);
    const byName = samples.find((s) => (s.providerEvent ?? "").toLowerCase() === event.toLowerCase());
    const found = byType ?? byName;
    if (found === undefined) {
      const known = [...new Set(samples.flatMap((s) => [s.eventType, s.providerEvent].filter(Boolean)))];
      throw new InputError(`no ${samples[0]?.provider ?? ""} sample for event ${JSON.stringify(event)} (one of: ${known.join(", ")})`);
    }
    return [found];
  }
  return [samples.find((s) => s.eventType === "message.received") ?? samples[0]];
}

/** sign()'s options for one delivery, or InputError when the core refuses them. */
function signed(smshook, options) {
  try {
    return smshook.sign(options);
  } catch (error) {
    if (error instanceof smshook.WebhookVerificationError) {
      throw new InputError(`cannot sign for ${options.provider}: ${error.code}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * --dry-run: each delivery as the HTTP request it would be (CRLF line endings, the headers
 * node:http adds included, the body's exact bytes), separated by a blank line; with `json`,
 * one object per line: { provider, eventType, providerEvent, url, headers, body } (a body
 * that is not UTF-8 as base64, with bodyEncoding: "base64").
 */
function printRequests(deliveries, url, provider, json) {
  const out = deliveries.map(({ sample, request }) => {
    const target = new URL(request.url ?? url.href);
    const bytes = Buffer.from(request.body);
    if (json) {
      const text = new TextDecoder("utf-8", { fatal: true });
      let body;
      try {
        body = { body: text.decode(bytes) };
      } catch {
        body = { body: bytes.toString("base64"), bodyEncoding: "base64" };
      }
      return Buffer.from(JSON.stringify({ provider, eventType: sample?.eventType ?? null, providerEvent: sample?.providerEvent ?? null,
        url: target.href, headers: request.headers, ...body }));
    }
    const head = [`POST ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`,
      ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
      `Content-Length: ${bytes.length}`, "Connection: keep-alive"];
    return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), bytes]);
  });
  const gap = Buffer.from(json ? "\n" : "\n\n");
  process.stdout.write(Buffer.concat([...out.flatMap((b, i) => (i === 0 ? [b] : [gap, b])), Buffer.from("\n")]));
}

/** Runs `smshook send` with `argv`; returns the exit code. */
export async function sendCommand(argv, { smshook, samples: { samplesOf, sampleBody } }) {
  const { options, positionals: [providerArg, target] } = parseArgs(argv, SPEC, "send");
  const url = urlOption(target, "<url>", "send");
  const timeoutMs = intOption(options, "timeout", 10_000, 1, 3_600_000, "send");
  if (options.all && options.event !== undefined) throw new UsageError("--all and --event: pass one", "send");
  if (options.all && options.body !== undefined) throw new UsageError("--all sends the samples: it does not take --body", "send");
  const secret = secretOption(options, "secret", "SMSHOOK_SECRET", "send");
  const provider = checkProvider(providerArg, smshook.PROVIDERS);
  const samples = samplesOf(provider);
  const given = options.body === undefined ? null : await readInput(options.body, "--body");
  const chosen = samples.length === 0 && given !== null ? [] : chooseSamples(samples, options);
  const overrides = {};
  // A provider whose token names its audience (httpSMS: the webhook URL as registered) gets
  // the target URL as typed, unless --audience says otherwise.
  if (samples.some((s) => s.sign.audience !== undefined)) overrides.audience = target.trim();
  if (options.audience !== undefined) overrides.audience = options.audience;
  if (options.subject !== undefined) overrides.subject = options.subject;

  const deliveries = (given !== null ? [chosen[0] ?? null] : chosen).map((sample) => {
    const now = Date.now();
    const extra = sample === null ? {} : { ...sample.sign };
    if (given !== null && options.event === undefined) delete extra.eventType; // the body's own type
    const signsUrl = samples.some((s) => s.signsUrl); // twilio, plivo: the samples say so
    const signOptions = { provider, secret, body: given ?? sampleBody(sample, now), now, ...extra, ...overrides };
    if (signsUrl) signOptions.url = target.trim(); // as typed: the provider signs the exact string
    // A given body is reported as what it is: no sample's type, unless --event named one.
    const shown = given !== null && options.event === undefined ? null : sample;
    return { sample: shown, request: signed(smshook, signOptions) };
  });

  if (options["dry-run"]) {
    printRequests(deliveries, url, provider, options.json === true);
    return 0;
  }
  const paint = painter(process.stdout);
  const typeWidth = Math.max(0, ...deliveries.map((d) => (d.sample?.eventType ?? "-").length));
  const nameWidth = Math.max(0, ...deliveries.map((d) => (d.sample?.providerEvent || "-").length));
  let failed = 0;
  for (const { sample, request } of deliveries) {
    const answer = await post(request.url ?? url.href, request.headers, request.body, timeoutMs);
    if (!answer.ok) failed++;
    const eventType = sample?.eventType ?? null;
    const providerEvent = sample?.providerEvent ?? null;
    if (options.json) {
      const line = { provider, eventType, providerEvent, status: answer.status, ok: answer.ok, response: shorten(answer.text, 200) };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      const status = answer.ok ? paint.green(answer.status) : paint.red(answer.status);
      const [line] = columns([[
        (eventType ?? "-").padEnd(typeWidth),
        paint.dim((providerEvent || "-").padEnd(nameWidth)),
        status,
        shorten(answer.text, 72) || paint.dim("(empty answer)"),
      ]]);
      process.stdout.write(`${line}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}
