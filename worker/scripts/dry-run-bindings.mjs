// `wrangler deploy --dry-run` with each optional binding of wrangler.toml enabled in turn:
// every commented `# [[…]]` group (queues, KV, the Durable Object and its migration, R2) is
// uncommented into a temporary config, so the shipped comments stay deployable.
// Usage (from worker/): node scripts/dry-run-bindings.mjs <wrangler.js>
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const wrangler = process.argv[2];
const base = readFileSync("wrangler.toml", "utf8");
const lines = base.split("\n");
const groups = [];
for (let i = 0; i < lines.length; i++) {
  if (!/^# \[\[/.test(lines[i])) continue;
  const group = [];
  while (i < lines.length && (/^# (\[\[|[a-z_]+ = )/.test(lines[i]) || (lines[i] === "#" && /^# \[\[/.test(lines[i + 1] ?? "")))) {
    group.push({ at: i, text: lines[i] === "#" ? "" : lines[i].slice(2) });
    i++;
  }
  groups.push(group);
}
if (groups.length < 4) throw new Error(`expected the queue, KV, Durable Object and R2 groups, found ${groups.length}`);
const dir = mkdtempSync(path.join(os.tmpdir(), "smshook-dry-run-"));
try {
  for (const group of groups) {
    const enabled = [...lines];
    for (const { at, text } of group) enabled[at] = text;
    const config = path.join(process.cwd(), `.wrangler-dry-run.toml`);
    writeFileSync(config, enabled.join("\n"));
    const name = group[0].text;
    try {
      const out = execFileSync(process.execPath, [wrangler, "deploy", "--dry-run", "--config", config, "--outdir", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      const bindings = out.split("\n").filter((l) => /(Queue|KV Namespace|Durable Object|R2 Bucket)\s*$/.test(l)).map((l) => l.trim().replace(/\s+/g, " "));
      console.log(`dry-run with ${name}: ok (${bindings.join("; ")})`);
    } catch (e) {
      console.error(`dry-run with ${name} FAILED:\n${e.stdout}\n${e.stderr}`);
      process.exitCode = 1;
    } finally {
      rmSync(config, { force: true });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
