/**
 * `smshook secret`: a fresh random secret in the format of a provider (the one command
 * whose job is to print a secret).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { parseArgs, UsageError } from "./args.mjs";
import { checkProvider } from "./input.mjs";
import { columns, painter } from "./output.mjs";

const SPEC = {
  options: {
    standard: { type: "boolean" },
    provider: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
};

/**
 * A fresh secret for `provider` (null: generic), given PROVIDERS: { provider, secret,
 * verifySecret }.
 * standard: whsec_ + base64(24 bytes); telnyx: secret = base64 Ed25519 seed (signs),
 * verifySecret = base64 public key; textus: "textus-" + hex; twilio: 32 hex characters; others: hex of 32 bytes.
 */
export function freshSecret(provider, providers = []) {
  // The format follows the provider's scheme (PROVIDERS), so a new provider on one of these
  // schemes needs nothing here; only TextUs's "textus-" prefix is a fact of its own.
  const scheme = providers.find((p) => p.id === provider)?.scheme ?? "";
  if (scheme.startsWith("standard-webhooks")) {
    const secret = `whsec_${randomBytes(24).toString("base64")}`;
    return { provider, secret, verifySecret: secret };
  }
  if (scheme.startsWith("ed25519")) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    // PKCS#8 and SPKI DER of an Ed25519 key end with the 32 raw bytes.
    const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
    const pub = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
    return { provider, secret: seed.toString("base64"), verifySecret: pub.toString("base64") };
  }
  // Twilio's auth tokens (its URL HMAC-SHA1 key) are 32 hex characters; others get 32 bytes.
  const hex = randomBytes(scheme === "hmac-sha1-url" ? 16 : 32).toString("hex");
  const secret = provider === "textus" ? `textus-${hex}` : hex;
  return { provider, secret, verifySecret: secret };
}

/** Runs `smshook secret` with `argv`; returns the exit code. */
export async function secretCommand(argv, { PROVIDERS }) {
  const { options } = parseArgs(argv, SPEC, "secret");
  if (options.standard && options.provider !== undefined && options.provider !== "standard") {
    throw new UsageError("--standard and --provider name two formats: pass one", "secret");
  }
  const provider = options.standard ? "standard" : options.provider === undefined ? null : checkProvider(options.provider, PROVIDERS);
  const fresh = freshSecret(provider, PROVIDERS);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(fresh)}\n`);
  } else if (fresh.secret === fresh.verifySecret) {
    process.stdout.write(`${fresh.secret}\n`);
  } else {
    const paint = painter(process.stdout);
    const rows = [
      [paint.bold("seed"), fresh.secret, paint.dim("signs:    smshook send telnyx … --secret")],
      [paint.bold("public key"), fresh.verifySecret, paint.dim("verifies: smshook verify / listen --secret")],
    ];
    process.stdout.write(`${columns(rows).join("\n")}\n`);
  }
  return 0;
}
