// smshook diagnosis: the text of a diagnosis for people. Durations ("5 min 20 s"), the
// "verify still refuses it" tail of a finding, and the plain-text report for terminals.
// No imports.

/** "3 h", "5 min 20 s", "2 d 4 h": a duration in seconds for people. */
export function formatDuration(seconds) {
  let s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  const units = [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]];
  const parts = [];
  for (const [name, size] of units) {
    if (s >= size && parts.length < 2) { parts.push(`${Math.floor(s / size)} ${name}`); s %= size; }
    else if (parts.length > 0) break;
  }
  return parts.join(" ");
}

/** What still refuses a delivery whose signature a fix made valid ("" when it verifies). */
export const still = (r) => (r.ok ? "" : `; with that fixed, verify still refuses it: ${r.error.code} (${r.error.message})`);

/** Plain text of a diagnosis for terminals (lines, no colour). */
export function formatDiagnosis(result) {
  const lines = [];
  if (result.verified) {
    const e = result.event;
    lines.push(`verified: ${e.type} (${e.provider}, ${e.providerEvent}) id ${e.id}`);
    if (e.from !== null || e.to !== null) lines.push(`  ${e.from ?? "?"} -> ${e.to ?? "?"}${e.text !== null ? `: ${JSON.stringify(e.text)}` : ""}`);
    return lines.join("\n");
  }
  lines.push(`refused: ${result.code}${result.provider ? ` (${result.provider})` : ""}: ${result.message}`);
  if (result.findings.length === 0) lines.push("  no usual mistake found");
  for (const f of result.findings) {
    const offset = f.offsetSeconds !== undefined ? ` [offset ${f.offsetSeconds > 0 ? "+" : ""}${f.offsetSeconds} s]` : "";
    lines.push(`  ${f.confirmed ? "confirmed" : "possible "} ${f.code}${offset}: ${f.message}`);
    lines.push(`            fix: ${f.fix}`);
  }
  return lines.join("\n");
}
