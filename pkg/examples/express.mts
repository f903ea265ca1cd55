import express from "express";
import { webhook } from "smshook/express"; // also types req.webhook and req.rawBody

const secret = process.env.TEXTBEE_WEBHOOK_SECRET;
if (!secret) throw new Error("TEXTBEE_WEBHOOK_SECRET is not set");

const app = express();

// Register the webhook route before app.use(express.json()): it needs the raw body.
app.post("/webhooks/textbee", webhook({ provider: "textbee", secret }), (req, res) => {
  const event = req.webhook;
  console.log(event.type, event.from, event.text);
  res.sendStatus(204);
});

app.use(express.json()); // the rest of the app
app.listen(3000);
