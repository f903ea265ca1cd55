import Fastify from "fastify";
import smshook from "smshook/fastify";

const publicKey = process.env.TELNYX_PUBLIC_KEY; // base64 of 32 bytes, from the Telnyx portal
if (!publicKey) throw new Error("TELNYX_PUBLIC_KEY is not set");

const app = Fastify();

// The plugin applies to the scope it is registered in: here only the webhook routes get
// its raw-body parser and its verifying preHandler; the rest of the app parses JSON as usual.
app.register(async (webhooks) => {
  await webhooks.register(smshook, { provider: "telnyx", secret: publicKey });
  webhooks.post("/webhooks/telnyx", async (request, reply) => {
    const event = request.webhook;
    console.log(event.type, event.messageId);
    return reply.code(204).send();
  });
});

await app.listen({ port: 3000 });
