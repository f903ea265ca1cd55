// Plain node:http, CommonJS (this file compiles to require("smshook")).
import { createServer } from "node:http";
import { createVerifier, WebhookVerificationError } from "smshook";

const authToken = process.env.TWILIO_AUTH_TOKEN;
if (!authToken) throw new Error("TWILIO_AUTH_TOKEN is not set");

const verifier = createVerifier({
  secrets: { twilio: authToken },
  // Twilio signs the URL it requested; Node knows only the path. Your public origin:
  publicUrl: "https://hooks.example.com",
});

createServer(async (req, res) => {
  try {
    const event = await verifier.verifyNodeRequest(req); // reads the raw body itself
    console.log(event.type, event.from, event.text);
    res.writeHead(200).end();
  } catch (e) {
    const refused = e instanceof WebhookVerificationError;
    res.writeHead(refused ? e.status : 500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: refused ? e.code : "internal_error" }));
  }
}).listen(3000);
