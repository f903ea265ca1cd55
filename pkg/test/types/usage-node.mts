// With @types/node (and no DOM): Node's IncomingMessage, its headers and Buffer bodies fit
// the Node helpers, the root functions and a Verifier.
import http from "node:http";
import { createVerifier, verify, verifyNodeRequest, expressWebhook, type WebhookEvent } from "smshook";

const verifier = createVerifier({ secrets: { twilio: "auth-token", httpsms: "signing-key" }, publicUrl: "https://hooks.example.com" });

export const server = http.createServer(async (req, res) => {
  const a: WebhookEvent = await verifyNodeRequest(req, { provider: "twilio", secret: "auth-token", publicUrl: "https://hooks.example.com" });
  const b = await verifier.verifyNodeRequest(req, { body: Buffer.from("Body=hi"), framework: "node" });
  const c = verifier.verify({ headers: req.headers, body: Buffer.alloc(0), url: new URL("https://hooks.example.com/sms") });
  const d = verify({ secret: "s", headers: req.headers, body: Buffer.alloc(0) });
  if (b.provider === "httpsms") console.log(b.data.data?.contact);
  res.end(JSON.stringify([a.id, b.id, c.id, d.id]));
});
export const middleware = expressWebhook({ provider: "twilio", secret: "auth-token", trustProxy: true });
