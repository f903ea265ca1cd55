/**
 * Command-line parsing and the CLI's error types, each with its stable exit code:
 * 2 usage (UsageError), 3 input (InputError), 4 network (NetworkError). Node built-ins only.
 */

/** Exit codes, documented in every --help. */
export const EXIT = Object.freeze({ ok: 0, refused: 1, usage: 2, input: 3, network: 4 });

/** A CLI failure: `exit` is the process exit code, `command` the command whose help to point at. */
export class CliError extends Error {
  constructor(message, exit, command = null) {
    super(message);
    this.name = "CliError";
    this.exit = exit;
    this.command = command;
  }
}

/** Unknown command or option, missing or malformed argument (exit 2). */
export class UsageError extends CliError {
  constructor(message, command = null) {
    super(message, EXIT.usage, command);
    this.name = "UsageError";
  }
}

/** Unreadable file, unparseable capture, unknown provider or event, bad secret (exit 3). */
export class InputError extends CliError {
  constructor(message) {
    super(message, EXIT.input);
    this.name = "InputError";
  }
}

/** Connection refused, timeout, address in use (exit 4). */
export class NetworkError extends CliError {
  constructor(message) {
    super(message, EXIT.network);
    this.name = "NetworkError";
  }
}

/**
 * Parses `argv` against `spec` = { options: { name: { type: "string"|"boolean", short? } },
 * positionals: ["name", …] (required, in order) }. Accepts `--name value`, `--name=value`,
 * `-h`, and `--` (the rest are positionals). Returns { options, positionals }; an option
 * given twice keeps the last value. Throws UsageError naming `command`.
 */
export function parseArgs(argv, spec, command) {
  const options = {};
  const positionals = [];
  const byShort = new Map();
  for (const [name, def] of Object.entries(spec.options)) if (def.short) byShort.set(def.short, name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name;
    let inline;
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg)) {
      name = byShort.get(arg[1]);
      if (name === undefined) throw new UsageError(`unknown option ${arg}`, command);
    } else {
      positionals.push(arg); // "-" (stdin) is a value, not an option
      continue;
    }
    const def = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (def === undefined) throw new UsageError(`unknown option --${name}`, command);
    if (def.type === "boolean") {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`, command);
      options[name] = true;
    } else {
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`, command);
        value = argv[++i];
      }
      options[name] = value;
    }
  }
  const wanted = spec.positionals ?? [];
  if (options.help) return { options, positionals };
  if (positionals.length < wanted.length) {
    throw new UsageError(`missing argument <${wanted[positionals.length]}>`, command);
  }
  if (positionals.length > wanted.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[wanted.length])}`, command);
  }
  return { options, positionals };
}

/** A whole number option within [min, max], or `fallback` when absent. Throws UsageError. */
export function intOption(options, name, fallback, min, max, command) {
  const text = options[name];
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`, command);
  }
  return Number(text);
}

/**
 * A secret from `--<flag>` or else the environment variable `env`; never echoed in errors.
 * Throws UsageError when neither is set.
 */
export function secretOption(options, flag, env, command, environment = process.env) {
  const value = options[flag] ?? environment[env];
  if (value === undefined || value === "") {
    throw new UsageError(`missing secret: pass --${flag} or set ${env}`, command);
  }
  return value;
}

/** An absolute http(s) URL option as a URL object. Throws UsageError. */
export function urlOption(text, what, command) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} must be an absolute URL such as http://127.0.0.1:8787/, not ${JSON.stringify(text)}`, command);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${what} must be an http:// or https:// URL, not ${JSON.stringify(text)}`, command);
  }
  return url;
}
