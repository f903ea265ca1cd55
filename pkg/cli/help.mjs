/**
 * The --help texts of smshook and of each command: usage, options, examples, exit codes.
 */

const EXIT_CODES = `Exit codes:
  0  ok (delivered and answered 2xx, verified, secret printed, listener closed cleanly)
  1  refused: a delivery did not verify, or a receiver answered non-2xx
  2  usage error: unknown command or option, missing argument
  3  input error: unreadable file, unparseable capture, unknown provider or event, bad secret
  4  network error: connection refused, timeout, address in use
  70 internal error (a bug in smshook: please report it)`;

const SECRETS = `Secrets: --secret (and --forward-secret) may be left out when SMSHOOK_SECRET (and
SMSHOOK_FORWARD_SECRET) are set, which keeps them out of shell history. They are never printed.`;

const COLOUR = `Output: aligned and coloured on a terminal (FORCE_COLOR=1 forces colour, NO_COLOR=1 or
FORCE_COLOR=0 turns it off; never when not a TTY); --json prints one JSON object per line.`;

const TEXTS = {
  "": `smshook: send, verify and receive signed SMS webhooks of every provider smshook knows,
offline, with the same core that verifies in production.

Usage: smshook <command> [options]

Commands:
  send <provider> <url>   send signed sample deliveries exactly as the provider would
  verify                  verify a captured delivery and diagnose why it fails
  listen                  a local receiver that verifies (and optionally forwards) deliveries
  secret                  print a fresh secret in the provider's format

Options:
  -h, --help      this help (smshook <command> --help: the command's)
  -v, --version   the package version

Examples:
  smshook listen --provider textbee --secret "$(smshook secret --provider textbee)"
  smshook send textbee http://127.0.0.1:8787/ --all --secret "$SECRET"
  smshook verify --provider standard --request capture.txt --json

Providers: {{providers}}.

${SECRETS}

${EXIT_CODES}
`,
  send: `Usage: smshook send <provider> <url> --secret S [options]

Signs a sample delivery of <provider> (or your body) exactly as the provider would (its
headers, signing and content type) and POSTs it to <url>; prints one line per delivery:
event type, provider event, HTTP status and the start of the receiver's answer.

Options:
  --secret S        the signing secret (telnyx: the base64 Ed25519 seed; env SMSHOOK_SECRET)
  --event TYPE      the sample of this normalized type (message.delivered) or provider event
                    (MESSAGE_DELIVERED); default: the message.received sample
  --all             one delivery of every sample of the provider, in order
  --body FILE|-     send this exact body instead of a sample (- reads stdin)
  --audience A      httpsms: the JWT aud (the URL you registered)
  --subject S       httpsms: the JWT sub (your user id)
  --timeout MS      time out each request (default 10000)
  --dry-run         print each request as it would go on the wire (raw HTTP) instead of
                    sending it (with --json: {provider, eventType, providerEvent, url, headers, body})
  --json            one JSON object per line: {provider, eventType, providerEvent, status, ok, response}
  -h, --help        this help

Twilio and Plivo sign the URL: the target <url> is the one signed.

Examples:
  smshook send textbee http://127.0.0.1:8787/ --secret "$SECRET" --all
  smshook send twilio https://hooks.example.com/sms --secret "$AUTH_TOKEN" --event message.delivered
  echo '{"type":"ping"}' | smshook send standard http://127.0.0.1:3000/hook --body - --json
  smshook send twilio https://hooks.example.com/sms --dry-run > capture.http   # then: smshook verify --request capture.http

${SECRETS}

${EXIT_CODES}
`,
  verify: `Usage: smshook verify --secret S (--request FILE [--body FILE] | --headers FILE --body FILE) [options]

Verifies a captured delivery: a raw HTTP request (as printed by nc -l), curl -v output or
a HAR file / entry, or headers ("Name: value" lines) and the exact body. Prints the
normalized event, or the error code and a plain-language diagnosis of the usual mistakes
(re-serialized body, whitespace or prefix in the secret, the URL a proxy changed, clock skew).

Options:
  --provider P      the provider (default: detected from the headers)
  --secret S        the verification secret (telnyx: the base64 public key; env SMSHOOK_SECRET)
  --request FILE    the whole captured request (- reads stdin); for curl -v output, which
                    prints no body, add --body FILE
  --headers FILE    the headers, one "Name: value" a line (with --body)
  --body FILE       the exact raw body (- reads stdin)
  --url U           twilio, plivo: the URL the provider requested (default: the capture's)
  --now MS          verify as at this time (ms since the epoch; default: now)
  --audience A      httpsms: require this JWT aud
  --subject S       httpsms: require this JWT sub
  --json            {verified, provider, event | code, message, findings}
  -h, --help        this help

Examples:
  nc -l 8787 > capture.txt   # then point the provider at it, and:
  SMSHOOK_SECRET=… smshook verify --provider textbee --request capture.txt
  smshook verify --provider twilio --secret "$TOKEN" --headers h.txt --body b.txt --url https://hooks.example.com/sms

${SECRETS}

${EXIT_CODES}
`,
  listen: `Usage: smshook listen --provider P --secret S [options]

A local receiver (127.0.0.1 by default) that verifies each delivery, prints one line per
delivery (time, provider, type, id, from → to, text, verdict) and answers like the smshook
Worker: 200 {"ok":true,"id":…} once verified (and forwarded), {"error": code} with the
code's status when refused (401, 400, 413…). With --forward it re-signs the normalized
event as Standard Webhooks, as the Worker forwards it, and answers the provider
2xx only when your app answered 2xx (else 502 receiver_error / receiver_unreachable, 504
receiver_timeout), so the provider retries what your app does not have.

Options:
  --provider P          the provider whose deliveries to verify
  --secret S            its verification secret (env SMSHOOK_SECRET)
  --port N              the port (default 8787; 0 picks a free one and prints it)
  --host H              the address to bind (default 127.0.0.1)
  --url-base URL        twilio, plivo: the public origin the provider posts to (default
                        http://127.0.0.1:<port>); the request path is appended
  --forward URL         forward each verified event to this URL
  --forward-secret S    the whsec_… secret to sign forwards with (env SMSHOOK_FORWARD_SECRET)
  --forward-timeout MS  forward timeout (default 4000, the Worker's)
  --audience A          httpsms: require this JWT aud
  --subject S           httpsms: require this JWT sub
  --json                one JSON object per delivery; the "listening on" line goes to stderr
  -h, --help            this help

Ctrl-C or SIGTERM closes the listener (exit 0).

Examples:
  smshook listen --provider textbee --secret "$SECRET"
  smshook listen --port 0 --provider twilio --secret "$TOKEN" --url-base https://abc.ngrok.app
  smshook listen --provider zuc --secret "$SECRET" --forward http://127.0.0.1:3000/hook --forward-secret whsec_…

${SECRETS}

${EXIT_CODES}
`,
  secret: `Usage: smshook secret [--standard] [--provider P] [--json]

Prints a fresh random secret in the right format: Standard Webhooks (--standard or
--provider standard) whsec_ + base64 of 24 random bytes; telnyx an Ed25519 key pair (the
seed signs with send, the public key verifies with verify and listen); textus "textus-" +
hex; twilio 32 hex characters (as its auth tokens); every other provider (and no provider)
32 random bytes as hex.

Options:
  --standard       a Standard Webhooks secret (whsec_…), e.g. for listen --forward-secret
  --provider P     the format of this provider
  --json           {provider, secret, verifySecret}: secret signs, verifySecret verifies
  -h, --help       this help

Examples:
  smshook secret --standard
  smshook secret --provider telnyx --json

${EXIT_CODES}
`,
};

/** The help text of `command` ("" for the tool), naming the ids of `providers` (PROVIDERS). */
export function helpText(command, providers) {
  return TEXTS[command].replace("{{providers}}", wrap(providers.map((p) => p.id).join(", "), "Providers: ".length));
}

/** `text` wrapped at spaces to 88 columns, the first line `indent` characters shorter. */
function wrap(text, indent) {
  const lines = [""];
  for (const word of text.split(" ")) {
    const width = lines.length === 1 ? 88 - indent : 88;
    const last = lines.at(-1);
    if (last !== "" && last.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = last === "" ? word : `${last} ${word}`;
  }
  return lines.join("\n");
}

/** The commands that have a help text. */
export const COMMANDS = Object.freeze(["send", "verify", "listen", "secret"]);
