/**
 * `smshook listen`: a local receiver (127.0.0.1 by default) that verifies each delivery,
 * prints one line per delivery, answers like the smshook Worker, and with --forward
 * re-signs the event as Standard Webhooks for the user's app (answering the provider 2xx
 * only once the app answered 2xx). Ctrl-C / SIGTERM closes it (exit 0).
 */
import { createServer } from "node:http";
import { intOption, InputError, NetworkError, parseArgs, secretOption, UsageError, urlOption } from "./args.mjs";
import { forwardRequest, replyFor } from "./forward.mjs";
import { post } from "./http.mjs";
import { checkProvider } from "./input.mjs";
import { painter, pad, printable, shorten } from "./output.mjs";

const SPEC = {
  options: {
    port: { type: "string" },
    host: { type: "string" },
    provider: { type: "string" },
    secret: { type: "string" },
    "url-base": { type: "string" },
    forward: { type: "string" },
    "forward-secret": { type: "string" },
    "forward-timeout": { type: "string" },
    audience: { type: "string" },
    subject: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
};

/** The Worker's default body limit (maxBodyBytes). */
const MAX_BODY = 1024 * 1024;

/** Reads a request body, keeping at most `max` + 1 bytes (the rest is read and dropped). */
async function readBody(req, max) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    if (size <= max) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, max + 1);
}

/** Writes a JSON answer. */
function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Checks the secrets at start-up, so that a typo fails before the first delivery. */
function checkSecrets(smshook, provider, secret, forwardSecret) {
  try {
    smshook.createVerifier({ secrets: { [provider]: secret } });
  } catch (error) {
    if (error instanceof smshook.WebhookVerificationError) throw new InputError(`--secret is not a valid ${provider} secret: ${error.code}: ${error.message}`);
    throw error;
  }
  if (forwardSecret === null) return;
  if (!forwardSecret.startsWith("whsec_")) throw new InputError("--forward-secret must be a Standard Webhooks secret (whsec_ + base64; smshook secret --standard prints one)");
  try {
    smshook.sign({ provider: "standard", secret: forwardSecret, body: "{}", id: "check" });
  } catch (error) {
    if (error instanceof smshook.WebhookVerificationError) throw new InputError(`--forward-secret must be a Standard Webhooks secret (whsec_ + base64): ${error.code}`);
    throw error;
  }
}

/** The listener's configuration from its arguments. Throws UsageError / InputError. */
function configure(argv, smshook) {
  const { options } = parseArgs(argv, SPEC, "listen");
  if (options.provider === undefined) throw new UsageError("missing option --provider", "listen");
  const port = intOption(options, "port", 8787, 0, 65535, "listen");
  const secret = secretOption(options, "secret", "SMSHOOK_SECRET", "listen");
  if (options["forward-secret"] !== undefined && options.forward === undefined) {
    throw new UsageError("--forward-secret is for --forward URL", "listen");
  }
  const forward = options.forward === undefined ? null : urlOption(options.forward, "--forward", "listen");
  const forwardSecret = forward === null ? null : secretOption(options, "forward-secret", "SMSHOOK_FORWARD_SECRET", "listen");
  // Checked as a URL but kept as typed (the providers sign the exact string).
  const urlBase = options["url-base"] === undefined ? null : (urlOption(options["url-base"], "--url-base", "listen"), options["url-base"].trim().replace(/\/+$/, ""));
  const provider = checkProvider(options.provider, smshook.PROVIDERS);
  checkSecrets(smshook, provider, secret, forwardSecret);
  const verifyOptions = { provider, secret };
  if (options.audience !== undefined) verifyOptions.audience = options.audience;
  if (options.subject !== undefined) verifyOptions.subject = options.subject;
  return {
    provider,
    port,
    host: options.host ?? "127.0.0.1",
    urlBase,
    forward,
    forwardSecret,
    forwardTimeout: intOption(options, "forward-timeout", 4000, 1, 3_600_000, "listen"),
    verifyOptions,
    json: options.json === true,
  };
}

/**
 * One human line of a delivery: time, provider, type, id, from → to, text, verdict (a
 * refused delivery: time, provider, "refused", the error code and the diagnosis' first
 * finding).
 */
function humanLine(paint, record) {
  const time = paint.dim(new Date(record.time).toTimeString().slice(0, 8));
  if (!record.verified) {
    const why = `${paint.red(record.code)}${record.finding ? paint.dim(`: ${printable(record.finding)}`) : ""}`;
    return [time, pad(record.provider, 12), pad(paint.red("refused"), 17), why].join("  ");
  }
  const route = record.from === null && record.to === null ? "-" : `${record.from ?? "-"} → ${record.to ?? "-"}`;
  const text = record.text === null ? "" : JSON.stringify(shorten(record.text, 26));
  let verdict = paint.green("verified");
  if (record.forward !== null && record.forward.ok) {
    verdict += ` → forwarded ${paint.green(record.forward.status)}`;
  } else if (record.forward !== null) {
    const why = record.forward.status === undefined ? record.forward.error : `app answered ${record.forward.status}`;
    verdict += ` → ${paint.red(`${record.answer.error} (${why})`)}`;
  }
  return [
    time,
    pad(record.provider, 12),
    pad(record.type ?? "-", 17),
    pad(shorten(record.id ?? "-", 20), 20),
    pad(shorten(route, 30), 30),
    pad(text, 28),
    verdict,
  ].join("  ");
}

/**
 * When listen may diagnose a refused delivery: a diagnosis costs up to 180 verify calls, so
 * only bodies up to 64 KiB, and at most 10 diagnoses a second; past that a refused delivery
 * is verified once, as the Worker would, and refused without findings.
 */
function diagnosisBudget(maxBody = 64 * 1024, perSecond = 10) {
  let second = 0;
  let used = 0;
  return {
    allows(bodyLength) {
      if (bodyLength > maxBody) return false;
      const now = Math.floor(Date.now() / 1000);
      if (now !== second) [second, used] = [now, 0];
      return ++used <= perSecond;
    },
  };
}

/** verify() alone, in diagnose()'s result shape (no findings). */
function verifyOnly(smshook, input) {
  try {
    const event = smshook.verify(input);
    return { verified: true, event, provider: event.provider, findings: [] };
  } catch (error) {
    if (!(error instanceof smshook.WebhookVerificationError)) throw error;
    return { verified: false, code: error.code, message: error.message, provider: error.provider ?? null, findings: [] };
  }
}

/** Runs `smshook listen` with `argv`; resolves with the exit code once closed by a signal. */
export async function listenCommand(argv, { smshook }) {
  const config = configure(argv, smshook);
  const { diagnose } = await import("../src/diagnose.js");
  const paint = painter(process.stdout);
  const budget = diagnosisBudget();
  let origin = "";

  const handle = async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      if (req.method === "GET" || req.method === "HEAD") return answer(res, 200, { ok: true });
      return answer(res, 405, { error: "method_not_allowed" });
    }
    if (req.method !== "POST") return answer(res, 405, { error: "method_not_allowed" });
    let body;
    try {
      body = await readBody(req, MAX_BODY);
    } catch (error) {
      if (req.destroyed || error?.code === "ECONNRESET" || error?.message === "aborted") return; // the client left mid-body
      throw error;
    }
    const url = `${config.urlBase ?? origin}${req.url ?? "/"}`;
    const input = { ...config.verifyOptions, headers: req.headers, body, url };
    const once = verifyOnly(smshook, input);
    const result = once.verified || !budget.allows(body.length) ? once : diagnose(smshook, input);
    const event = result.verified ? result.event : null;
    const record = {
      time: new Date().toISOString(),
      provider: event?.provider ?? config.provider,
      verified: result.verified,
      type: event?.type ?? null,
      providerEvent: event?.providerEvent ?? null,
      id: event?.id ?? null,
      messageId: event?.messageId ?? null,
      from: event?.from ?? null,
      to: event?.to ?? null,
      text: event?.text ?? null,
      code: result.verified ? null : result.code,
      message: result.verified ? null : result.message,
      finding: result.findings?.[0]?.message ?? null,
      findings: result.findings ?? [],
      forward: null,
      status: 0,
      answer: null,
    };
    let reply;
    if (!result.verified) {
      reply = { status: new smshook.WebhookVerificationError(result.code).status, body: { error: result.code } };
    } else if (config.forward === null) {
      reply = { status: 200, body: { ok: true, id: event.id } };
    } else {
      const forwarded = forwardRequest(smshook, event, body, config.forwardSecret, Date.now());
      let outcome;
      try {
        const got = await post(config.forward.href, forwarded.headers, forwarded.body, config.forwardTimeout);
        outcome = { status: got.status, ok: got.ok };
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        outcome = { ok: false, failure: error.timedOut ? "timeout" : "unreachable", error: error.message.replace(/^cannot deliver to \S+: /, "") };
      }
      record.forward = { url: config.forward.href, ...outcome };
      reply = replyFor(outcome, event.id);
    }
    record.status = reply.status;
    record.answer = reply.body;
    process.stdout.write(`${config.json ? JSON.stringify(record) : humanLine(paint, record)}\n`);
    answer(res, reply.status, reply.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`smshook: internal error: ${error?.stack ?? error}\n`);
      if (!res.headersSent) answer(res, 500, { error: "internal_error" });
      else res.destroy();
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", (error) => {
      const why = error.code === "EADDRINUSE" ? "address in use" : error.code === "EACCES" ? "permission denied" : error.message;
      reject(new NetworkError(`cannot listen on ${config.host}:${config.port}: ${why} (${error.code ?? "error"})`));
    });
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address();
  const shownHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  origin = `http://${shownHost}:${port}`;
  const banner = config.json ? process.stderr : process.stdout;
  banner.write(`listening on ${origin}/ (provider ${config.provider})\n`);
  if (!/^(127\.|localhost$|::1$|\[::1\]$)/.test(config.host)) {
    process.stderr.write(`smshook: warning: --host ${config.host} accepts deliveries from other machines, not only this one\n`);
  }
  if (config.forward !== null) banner.write(`forwarding to ${config.forward.href} (Standard Webhooks)\n`);

  await new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}
