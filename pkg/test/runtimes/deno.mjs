// `deno run` with no permission flag (runtimes.test.mjs): "smshook" and "npm:smshook" from
// the test project's node_modules, the same module; the vectors come on stdin, the result
// goes to stdout as JSON. `readDenied` shows that the run had no read permission.
import { run } from "./run-vectors.mjs";
import * as bare from "smshook";
import * as viaNpm from "npm:smshook";

const result = await run(await new Response(Deno.stdin.readable).text());
result.sameModule = bare.PROVIDERS === viaNpm.PROVIDERS && bare.verify === viaNpm.verify;
result.npmResolved = import.meta.resolve("npm:smshook");
result.inlineResolved = import.meta.resolve("smshook/inline");
try {
  Deno.statSync(import.meta.dirname);
  result.readDenied = null;
} catch (e) {
  result.readDenied = e.name;
}
console.log(JSON.stringify(result));
