// Type-checked (never run) by types.test.mjs: events narrowed by provider. `Is<A, B>` is
// exact type equality, so each check fails if a type widens or narrows by accident; each
// `@ts-expect-error TSxxxx` must fail with that code.
import {
  verify, verifyRequest,
  type ProviderId, type EventType, type WebhookEvent, type WebhookEventBase, type ProviderEvent,
  type ProviderPayloads, type ProviderEventTypes, type TwilioPayload, type TextbeePayload,
} from "smshook";

type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(): void;

// One payload type and one set of event types per provider, no more, no less.
check<Is<keyof ProviderPayloads, ProviderId>>();
check<Is<keyof ProviderEventTypes, ProviderId>>();
check<Is<WebhookEvent, ProviderEvent>>();
check<Is<WebhookEvent["provider"], ProviderId>>();
check<Is<WebhookEvent["type"], EventType>>();

declare const event: WebhookEvent;
// Every provider's data is a JSON object (old code reading `data` as a record keeps working).
const asRecord: Record<string, unknown> = event.data;
const asBase: WebhookEventBase = event;
const asOldDefault: WebhookEventBase<ProviderId, Record<string, unknown>> = event;

/** Narrowing on `provider`: each branch sees its own payload; the switch is exhaustive. */
function summary(e: WebhookEvent): string {
  switch (e.provider) {
    case "textbee": {
      check<Is<typeof e.data, TextbeePayload>>();
      check<Is<typeof e.data.smsId, string | undefined>>();
      check<Is<typeof e.data.sender, string | null | undefined>>();
      // Fields of other providers are not typed here.
      check<Is<typeof e.data.MessageSid, unknown>>();
      // @ts-expect-error TS18046: MessageSid is Twilio's; textbee's data has no such string
      e.data.MessageSid.toUpperCase();
      // @ts-expect-error TS2367: textbee never sends reactions
      if (e.type === "reaction.added") return "";
      return e.data.webhookEvent ?? e.data.event ?? "";
    }
    case "messages-dev": {
      check<Is<typeof e.data.event, "message.received" | "message.sent" | "reaction.added" | "reaction.removed" | "typing.started" | "typing.stopped" | "receipt.read" | (string & {})>>();
      check<Is<NonNullable<typeof e.data.data>["line_handle"], string | undefined>>();
      check<Is<typeof e.data.timestamp, number | undefined>>();
      return e.data.data?.text ?? "";
    }
    case "zuc": {
      check<Is<typeof e.type, "message.received" | "unknown">>();
      check<Is<NonNullable<typeof e.data.data>["messageId"], number | undefined>>();
      return e.data.data?.body ?? "";
    }
    case "httpsms": {
      check<Is<NonNullable<typeof e.data.data>["owner"], string | undefined>>();
      check<Is<NonNullable<typeof e.data.data>["request_id"], string | null | undefined>>();
      // @ts-expect-error TS2322: httpSMS's data is in a CloudEvent: `e.data.data.owner`, not `e.data.owner` as a string
      const owner: string = e.data.owner;
      return e.data.type;
    }
    case "textus": {
      check<Is<NonNullable<typeof e.data.conversation>["phoneNumber"], string | undefined>>();
      check<Is<NonNullable<typeof e.data.message>["sender"], string | null | undefined>>();
      return e.data.action;
    }
    case "standard": {
      check<Is<typeof e.type, "unknown">>();
      check<Is<typeof e.data.anything, unknown>>();
      return e.id;
    }
    case "twilio": {
      check<Is<typeof e.data, TwilioPayload>>();
      check<Is<typeof e.data.MessageSid, string | undefined>>();
      check<Is<typeof e.data.MediaUrl0, string | undefined>>();
      // Form parameters: strings, arrays for repeated names.
      check<Is<typeof e.data.AnyNewParameter, string | string[] | undefined>>();
      // @ts-expect-error TS2322: smsId is textbee's; a Twilio parameter may be absent or repeated
      const smsId: string = e.data.smsId;
      return e.data.Body ?? "";
    }
    case "telnyx": {
      check<Is<typeof e.data.data.event_type, "message.received" | "message.sent" | "message.finalized" | "message.read" | (string & {})>>();
      const to = e.data.data.payload?.to;
      return typeof to === "string" ? to : to?.[0]?.phone_number ?? "";
    }
    case "vonage": {
      check<Is<typeof e.data.message_uuid, string | undefined>>();
      const from = e.data.from;
      return typeof from === "string" ? from : from?.number ?? from?.id ?? "";
    }
    case "plivo": {
      check<Is<typeof e.data.MessageUUID, string | undefined>>();
      check<Is<typeof e.data.Media0, string | undefined>>();
      check<Is<typeof e.data.Other, string | string[] | undefined>>();
      return e.data.Text ?? e.data.Body ?? "";
    }
    case "sinch": {
      check<Is<typeof e.type, "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.expired" | "message.status" | "unknown">>();
      const body = e.data.body;
      return typeof body === "string" ? body : body?.message ?? "";
    }
    default: {
      const none: never = e;
      return none;
    }
  }
}

// verify with a provider returns that provider's event, no narrowing needed.
const twilio = verify({ provider: "twilio", secret: "token", url: "https://h.example/sms", headers: {}, body: "" });
check<Is<typeof twilio, ProviderEvent<"twilio">>>();
check<Is<typeof twilio.provider, "twilio">>();
const sid: string | undefined = twilio.data.MessageSid;
// A standard delivery may carry any provider's forwarded event.
const forwarded = verify({ provider: "standard", secret: "whsec_x", headers: {}, body: "" });
check<Is<typeof forwarded, ProviderEvent>>();
// Without a provider (detection), any provider.
const detected = verify({ secret: "s", headers: {}, body: "" });
check<Is<typeof detected, WebhookEvent>>();

// verify<Data>() with an explicit type argument keeps typing data as given.
interface MyData { custom: number }
const mine = verify<MyData>({ secret: "s", headers: {}, body: "" });
check<Is<typeof mine.data, MyData>>();
check<Is<typeof mine.provider, ProviderId>>();
const mine2: WebhookEvent<MyData> = verify({ secret: "s", headers: {}, body: "" });
const custom: number = mine2.data.custom;
const loose = verify<any>({ secret: "s", headers: {}, body: "" });
loose.data.whatever.deeper;
const old: WebhookEvent<Record<string, unknown>> = verify({ secret: "s", headers: {}, body: "" });
async function fetchStyle(request: Request) {
  const e = await verifyRequest(request, { provider: "plivo", secret: "token" });
  check<Is<typeof e, ProviderEvent<"plivo">>>();
  const typed: WebhookEvent<MyData> = await verifyRequest(request, { secret: "s" });
  const e2: WebhookEvent = await verifyRequest(request, { secret: "s" });
  return [e, typed, e2];
}

console.log(asRecord, asBase, asOldDefault, summary, sid, custom, old, fetchStyle);
