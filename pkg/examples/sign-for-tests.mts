// Test your endpoint with deliveries signed exactly as the providers sign them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createVerifier, sign } from "smshook";

const authToken = "test-twilio-auth-token";
// Telnyx signs with a private key: test with your own pair (here RFC 8032's test key 1).
const telnyxSeed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";      // sign() takes the seed
const telnyxPublicKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="; // verify() the public key

const verifier = createVerifier({ secrets: { twilio: authToken, telnyx: telnyxPublicKey } });

test("a signed Twilio message verifies", () => {
  const signed = sign({
    provider: "twilio",
    secret: authToken,
    url: "https://hooks.example.com/webhooks/twilio", // Twilio signs the URL: required
    body: "MessageSid=SM123&From=%2B15550001111&To=%2B15550002222&Body=Hi",
  });
  // In an integration test: await fetch(signed.url!, { method: "POST", headers: signed.headers, body: signed.body })
  const event = verifier.verify({ headers: signed.headers, body: signed.body, url: signed.url });
  assert.equal(event.type, "message.received");
  assert.equal(event.text, "Hi");
});

test("a signed Telnyx event verifies", () => {
  const body = JSON.stringify({
    data: { event_type: "message.received", id: "evt-1", payload: { id: "msg-1", text: "Hello", from: { phone_number: "+13125550001" } } },
  });
  const signed = sign({ provider: "telnyx", secret: telnyxSeed, body });
  const event = verifier.verify({ headers: signed.headers, body: signed.body });
  assert.equal(event.provider, "telnyx"); // detected from the headers
  assert.equal(event.from, "+13125550001");
});
