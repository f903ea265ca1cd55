#!/usr/bin/env node
/**
 * smshook: the command-line tool of the npm package (`npx smshook`): send, verify, listen,
 * secret. Node built-ins and the package's own files only. Exit codes: 0 ok, 1 refused or
 * not 2xx, 2 usage, 3 input, 4 network, 70 internal error (see help.mjs).
 */
import { readFileSync } from "node:fs";
import { CliError, EXIT, UsageError } from "./args.mjs";
import { COMMANDS, helpText } from "./help.mjs";
import { printError } from "./output.mjs";

/** The package's version, from its package.json. */
function version() {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
}

/**
 * The provider ids for the help texts, from the samples (plain data: --help loads no wasm;
 * every provider has samples, pkg/test/samples.test.mjs checks it).
 */
async function providerIds() {
  const { SAMPLES } = await import("../dist/samples.js");
  return [...new Set(SAMPLES.map((s) => s.provider))].map((id) => ({ id }));
}

/** The modules a command needs, imported on first use (so --help stays instant). */
async function context() {
  const [smshook, samples] = await Promise.all([import("../src/node.mjs"), import("../dist/samples.js")]);
  return { smshook, samples, PROVIDERS: smshook.PROVIDERS };
}

const RUNNERS = {
  send: async () => (await import("./send.mjs")).sendCommand,
  verify: async () => (await import("./verify.mjs")).verifyCommand,
  listen: async () => (await import("./listen.mjs")).listenCommand,
  secret: async () => (await import("./secret.mjs")).secretCommand,
};

/** Runs the tool with `argv` (without node and the script); returns the exit code. */
export async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    const topic = command === "help" && rest[0] !== undefined ? rest[0] : "";
    if (topic !== "" && !COMMANDS.includes(topic)) throw new UsageError(`unknown command ${JSON.stringify(topic)}`, "");
    if (command === undefined) {
      process.stderr.write(helpText("", await providerIds()));
      return EXIT.usage;
    }
    process.stdout.write(helpText(topic, await providerIds()));
    return EXIT.ok;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  if (!COMMANDS.includes(command)) {
    throw new UsageError(command.startsWith("-") ? `unknown option ${command}` : `unknown command ${JSON.stringify(command)} (one of: ${COMMANDS.join(", ")})`, "");
  }
  if (rest.includes("-h") || rest.includes("--help")) {
    process.stdout.write(helpText(command, await providerIds()));
    return EXIT.ok;
  }
  const run = await RUNNERS[command]();
  return run(rest, await context());
}

// A reader that goes away (`smshook listen | grep -m1 verified`, `| head`) is the end of
// the output, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof CliError) {
      printError(error.message, error.exit === EXIT.usage ? (error.command ?? "") : null);
      process.exitCode = error.exit;
    } else {
      printError(`internal error: ${error?.stack ?? error}`);
      process.exitCode = 70;
    }
  },
);
