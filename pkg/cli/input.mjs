/**
 * Reading the CLI's inputs: files or stdin (`-`) as exact bytes, and provider ids checked
 * against the package's PROVIDERS. Failures are InputError (exit 3).
 */
import { readFile } from "node:fs/promises";
import { InputError } from "./args.mjs";

let stdinTaken = false;

/** The exact bytes of `file` (`-`: all of stdin, once per run), as a Buffer. */
export async function readInput(file, what) {
  if (file === "-") {
    if (stdinTaken) throw new InputError(`${what}: stdin (-) was already used for another input`);
    stdinTaken = true;
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    const why = error.code === "ENOENT" ? "no such file" : error.code === "EISDIR" ? "is a directory" : error.code ?? error.message;
    throw new InputError(`${what}: cannot read ${file}: ${why}`);
  }
}

/** `id` when it is one of `providers` (PROVIDERS); else InputError listing them. */
export function checkProvider(id, providers) {
  if (providers.some((p) => p.id === id)) return id;
  throw new InputError(`unknown provider ${JSON.stringify(id)} (one of: ${providers.map((p) => p.id).join(", ")})`);
}
