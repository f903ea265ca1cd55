// Type declarations for smshook (hand-written; SPEC sections 2 to 4 and 7).
//
// The one source of the package's root types: `require("smshook")` resolves here through
// the "require" types condition, and index.d.ts (the "import" condition) re-exports this
// file, so both module systems see the same declarations (one WebhookVerificationError
// class, as at runtime, where src/node.mjs re-exports src/node.cjs).

/** Provider ids: exact, lowercase. */
export type ProviderId =
  | "textbee"
  | "messages-dev"
  | "zuc"
  | "httpsms"
  | "textus"
  | "standard"
  | "twilio"
  | "telnyx"
  | "vonage"
  | "plivo"
  | "sinch";

/** Normalized event types; `unknown` for any provider event name not listed. */
export type EventType =
  | "message.received"
  | "message.sent"
  | "message.delivered"
  | "message.failed"
  | "message.expired"
  | "message.status"
  | "reaction.added"
  | "reaction.removed"
  | "typing.started"
  | "typing.stopped"
  | "receipt.read"
  | "call.missed"
  | "call.completed"
  | "phone.online"
  | "phone.offline"
  | "contact.opted_in"
  | "contact.opted_out"
  | "contact.created"
  | "unknown";

/** Stable error codes (`WebhookVerificationError.code`). */
export type ErrorCode =
  | "missing_signature"
  | "malformed_signature"
  | "signature_mismatch"
  | "timestamp_out_of_tolerance"
  | "token_expired"
  | "token_not_yet_valid"
  | "algorithm_not_allowed"
  | "claim_mismatch"
  | "malformed_payload"
  | "body_too_large"
  | "invalid_secret"
  | "unknown_provider"
  | "provider_not_detected"
  | "invalid_argument";

/** The exact raw request body. A parsed JSON object is refused (`invalid_argument`). */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * One secret, or a rotation list (any one matching is enough). telnyx: the account's
 * public key (base64 of 32 bytes); twilio, plivo: the auth token; standard: `whsec_…`.
 */
export type Secret = string | readonly string[];

/** What smshook uses of a Fetch `Headers` (a `Map<string, string>` fits too). */
export interface HeadersLike {
  forEach(callback: (value: string, name: string) => void): void;
  get(name: string): string | null | undefined;
}

/**
 * Request headers: a Fetch `Headers`, a plain object (names in any case; string or
 * string[] values, arrays joined with ", "; Node's `req.headers` fits), or entries.
 */
export type HeadersInput =
  | HeadersLike
  | Record<string, string | readonly string[] | number | undefined>
  | ReadonlyArray<readonly [string, string]>
  | Iterable<readonly [string, string]>;

/** A WHATWG `URL` (its `href` is used), without requiring the DOM or Node types. */
export interface UrlLike {
  readonly href: string;
}

/** What `verifyRequest` reads of a Fetch body (`ReadableStream<Uint8Array>`). */
export interface BodyStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: unknown }>;
    cancel(reason?: unknown): Promise<void>;
  };
  cancel(reason?: unknown): Promise<void>;
}

/** What `verifyRequest` uses of a Fetch API `Request`. */
export interface RequestLike {
  readonly headers: HeadersLike;
  readonly bodyUsed: boolean;
  /** The body stream; `null` for a request without a body (an empty body). */
  readonly body: BodyStreamLike | null;
  /** The URL requested (twilio and plivo are verified against it unless `url` is given). */
  readonly url?: string;
}

/** The parts of Node's `http.IncomingMessage` the Node helpers use. */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  body?: unknown;
}

/** The checks every verification can tune (shared by `verify`, the helpers and `createVerifier`). */
export interface VerifyChecks {
  /** The time to check against, ms since the epoch (or a Date). Default: `Date.now()`. */
  now?: number | Date;
  /** Allowed clock difference for signed timestamps, seconds, both ways. Default 300. */
  toleranceSeconds?: number;
  /** Largest accepted body, bytes. Default 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /** httpsms (and vonage's optional `exp`/`nbf`): leeway for the JWT's time claims, seconds. Default 60. */
  leewaySeconds?: number;
  /** Refuse events whose signed time is older than this many seconds (textus). */
  maxAgeSeconds?: number;
  /** httpsms: the JWT `aud` must contain this value. */
  audience?: string;
  /** httpsms: the JWT `sub` must equal this value (your user id). */
  subject?: string;
  /** httpsms: accept deliveries without `Authorization` (default false: `missing_signature`). */
  allowUnsigned?: boolean;
}

/** How the Node and framework helpers learn the URL that URL-signed providers (twilio, plivo) signed. */
export interface PublicUrlOptions {
  /**
   * The public origin deliveries arrive at, e.g. "https://hooks.example.com"; the request
   * path (and query) is appended. `verifyRequest` replaces the origin of `request.url` with it.
   */
  publicUrl?: string | UrlLike;
  /** Node helpers: rebuild the URL from `X-Forwarded-Proto`/`X-Forwarded-Host` (only behind a proxy you run). Default false. */
  trustProxy?: boolean;
}

/** Options of `verify`: one delivery and how to check it. */
export interface VerifyOptions<P extends ProviderId = ProviderId> extends VerifyChecks {
  /** The provider; when absent, `detect(headers)` decides (else `provider_not_detected`). */
  provider?: P;
  /** One secret, or a rotation list (any one matching is enough). */
  secret: Secret;
  /**
   * twilio, plivo: the URL the provider requested, exactly (scheme, host, port, path,
   * query); without it they throw `invalid_argument`.
   */
  url?: string | UrlLike;
  /** The request headers. */
  headers: HeadersInput;
  /** The exact raw body, before any JSON parsing. */
  body: RawBody;
}

/** Options of the request helpers (`verifyRequest`, `verifyNodeRequest`, `expressWebhook`): `verify`'s without the request parts. */
export interface VerifyConfig<P extends ProviderId = ProviderId> extends VerifyChecks, PublicUrlOptions {
  /** The provider; when absent, `detect(headers)` decides (else `provider_not_detected`). */
  provider?: P;
  /** One secret, or a rotation list (any one matching is enough). */
  secret: Secret;
  /**
   * twilio, plivo: the URL the provider requested, exactly. `verifyRequest` defaults to
   * `request.url`; the Node helpers build it from `publicUrl` (or, with `trustProxy`, the
   * forwarded headers).
   */
  url?: string | UrlLike;
}

export interface SignOptions<B extends RawBody = RawBody> {
  provider: ProviderId;
  /**
   * The secret (for a list, the first one signs). textbee requires at least 20
   * characters; telnyx signs with the private key: base64 of its 32-byte seed.
   */
  secret: Secret;
  /** The body: JSON, or for twilio and plivo form-encoded parameters (twilio also JSON). */
  body: B;
  /** twilio, plivo: the URL the delivery is posted to (required for them). */
  url?: string | UrlLike;
  /** plivo, sinch: the nonce (default: one derived from the body and time). */
  nonce?: string;
  /** textbee: also send the timestamped `X-TextBee-Signature: t=…,v1=…`. Default false. */
  timestamped?: boolean;
  /** Signing time, ms since the epoch (or a Date). Default: `Date.now()`. */
  now?: number | Date;
  /** messages-dev delivery id / standard `webhook-id` / vonage JWT `jti` (default: the body's, else a fresh one). */
  id?: string;
  /** httpsms: JWT `aud`. */
  audience?: string;
  /** httpsms: JWT `sub`. */
  subject?: string;
  /** httpsms: `X-Event-Type` (default: the body's CloudEvent `type`). */
  eventType?: string;
}

export interface SignedRequest<B extends RawBody = RawBody> {
  /** The headers the provider would send, named as it names them (e.g. `X-Signature`, `Content-Type`). */
  headers: Record<string, string>;
  /** The body, exactly as given. */
  body: B;
  /** twilio, plivo: the URL to post to (a twilio JSON body adds `bodySHA256` to the one given). */
  url?: string;
}

export interface WebhookEventError {
  code: string | null;
  message: string | null;
}

// ---------------------------------------------------------------------------------------
// Provider payloads: the `data` of each provider's events (SPEC sections 2 and 7,
// PROVIDERS.md, PROVIDERS-FIELD.md). Every documented field is listed; fields a provider
// may omit are optional (or `| null` where it sends null); an index signature keeps the
// fields a provider adds later, so real payloads always fit.
// ---------------------------------------------------------------------------------------

/** A known name, or any other string (providers add names; smshook never refuses them). */
type KnownOr<T extends string> = T | (string & {});

/** textbee event names (`webhookEvent`; `event` in the documented envelope). */
export type TextbeeEventName =
  | "MESSAGE_RECEIVED"
  | "MESSAGE_SENT"
  | "MESSAGE_DELIVERED"
  | "MESSAGE_FAILED"
  | "UNKNOWN_STATE"
  | "SMS_STATUS_UPDATED";

/** The SMS fields of a textbee payload (the flat form's top level, or the envelope's `data`). */
export interface TextbeeSms {
  /** 24-hex id of the SMS. */
  smsId?: string;
  /** The text (null or absent in textbee's encrypted mode). */
  message?: string | null;
  /** UUID, one per (event, subscription), stable across retries (since 2026-03). */
  idempotencyKey?: string;
  /** MESSAGE_RECEIVED: who sent it, as the phone reported it. */
  sender?: string | null;
  /** MESSAGE_RECEIVED: ISO 8601 UTC. */
  receivedAt?: string | null;
  /** Outbound events: the batch the SMS belongs to. */
  smsBatchId?: string | null;
  /** Outbound events: "sent", "delivered", "failed", or another device status. */
  status?: string | null;
  /** Outbound events: the one recipient of this SMS. */
  recipient?: string | null;
  sentAt?: string | null;
  deliveredAt?: string | null;
  /** MESSAGE_FAILED: an Android result code or an FCM code, e.g. "FCM_TOKEN_NOT_REGISTERED". */
  errorCode?: string | null;
  errorMessage?: string | null;
  failedAt?: string | null;
  [field: string]: unknown;
}

/** The `data` of textbee's documented envelope form. */
export interface TextbeeEnvelopeData extends TextbeeSms {
  _id?: string;
  device?: { _id?: string; enabled?: boolean; model?: string; [field: string]: unknown };
  createdAt?: string;
  updatedAt?: string;
}

/**
 * textbee: the flat object its server sends (`webhookEvent` + the SMS fields), or the
 * `{event, timestamp, data}` envelope of its public docs.
 */
export interface TextbeePayload extends TextbeeSms {
  /** Flat form: the event name. */
  webhookEvent?: KnownOr<TextbeeEventName>;
  deviceId?: string;
  /** Which of the account's webhooks this delivery is for. */
  webhookSubscriptionId?: string;
  /** Envelope form: the event name. */
  event?: KnownOr<TextbeeEventName>;
  /** Envelope form: ISO 8601. */
  timestamp?: string;
  /** Envelope form: the SMS. */
  data?: TextbeeEnvelopeData;
}

/** Messages.dev event names. */
export type MessagesDevEventName =
  | "message.received"
  | "message.sent"
  | "reaction.added"
  | "reaction.removed"
  | "typing.started"
  | "typing.stopped"
  | "receipt.read";

export interface MessagesDevAttachment {
  filename?: string | null;
  mime_type?: string | null;
  size?: number | null;
  url?: string | null;
  transcription?: string | null;
  [field: string]: unknown;
}

/** The `data` of a Messages.dev delivery: message, reaction, typing and receipt fields. */
export interface MessagesDevData {
  /** `msg_…`, `rxn_…`… */
  id?: string;
  chat_id?: string;
  /** The line's phone number or Apple ID (every event). */
  line_handle?: string;
  /** Messages and reactions: E.164 number or Apple ID email. */
  sender?: string;
  /** Typing and receipts: the other party. */
  handle?: string;
  /** Messages: the Apple message GUID. */
  guid?: string;
  text?: string | null;
  attachments?: MessagesDevAttachment[];
  is_from_me?: boolean;
  is_audio_message?: boolean | null;
  /** Messages and reactions: unix ms. */
  sent_at?: number;
  reply_to_guid?: string | null;
  line_id?: string;
  synced_at?: number;
  /** Reactions: the message reacted to. */
  message_id?: string;
  /** Reactions: e.g. "love". */
  type?: string;
  /** Reactions: true for added, false for removed. */
  added?: boolean;
  /** Typing. */
  is_typing?: boolean;
  /** Typing: unix ms. */
  updated_at?: number;
  /** Receipts: unix ms. */
  last_read_at?: number;
  [field: string]: unknown;
}

/** Messages.dev: `{event, data, timestamp, delivery_id}`. */
export interface MessagesDevPayload {
  event: KnownOr<MessagesDevEventName>;
  /** Present for every known event (an unknown one may come without it). */
  data?: MessagesDevData;
  /** Unix ms; equal to `X-Webhook-Timestamp` when both are sent. */
  timestamp?: number;
  /** `dlv_…`: the event id. */
  delivery_id?: string;
  [field: string]: unknown;
}

/** scan.zuc.ro ("private number"): `{event: "sms.received", version: "1", data}`. */
export interface ZucPayload {
  event: KnownOr<"sms.received">;
  version?: string;
  /** Present for `sms.received`. */
  data?: {
    /** An integer; beyond 2^53 this JS number is rounded: `event.messageId` has the exact digits. */
    messageId?: number;
    from?: string;
    to?: string;
    body?: string;
    receivedAt?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** httpSMS CloudEvent types delivered to webhooks. */
export type HttpsmsEventName =
  | "message.phone.received"
  | "message.phone.sent"
  | "message.phone.delivered"
  | "message.send.failed"
  | "message.send.expired"
  | "message.call.missed"
  | "phone.heartbeat.online"
  | "phone.heartbeat.offline";

/** The CloudEvent `data` of an httpSMS event (message, call and heartbeat fields). */
export interface HttpsmsData {
  /** message.phone.received, message.send.expired, message.call.missed. */
  message_id?: string;
  /** message.phone.sent, delivered, message.send.failed: the message id. */
  id?: string;
  user_id?: string;
  /** Your phone (E.164). */
  owner?: string;
  /** The other party. */
  contact?: string;
  encrypted?: boolean;
  /** RFC 3339, with the phone's offset. */
  timestamp?: string;
  /** The text (ciphertext when `encrypted`). */
  content?: string;
  sim?: KnownOr<"SIM1" | "SIM2">;
  /** message.phone.received: attachment URLs. */
  attachments?: string[];
  request_id?: string | null;
  /** message.send.failed. */
  error_message?: string;
  /** message.send.expired. */
  send_attempt_count?: number;
  /** message.send.expired: false when another attempt follows. */
  is_final?: boolean;
  /** Heartbeats. */
  phone_id?: string;
  last_heartbeat_timestamp?: string;
  monitor_id?: string;
  [field: string]: unknown;
}

/** httpSMS: a structured-mode CloudEvent. */
export interface HttpsmsPayload {
  specversion?: string;
  id?: string;
  source?: string;
  type: KnownOr<HttpsmsEventName>;
  datacontenttype?: string;
  /** RFC 3339, up to 9 fractional digits. */
  time?: string;
  data?: HttpsmsData;
  [field: string]: unknown;
}

/** TextUs `action` names. */
export type TextusEventName =
  | "message.received"
  | "message.delivered"
  | "message.failed"
  | "message.unknown"
  | "phone_call.completed"
  | "contact.opted_out"
  | "contact.opted_in"
  | "contact.created";

export interface TextusConversation {
  "@type"?: string;
  "@context"?: string;
  id?: string;
  slug?: string;
  currentState?: string;
  account?: string;
  /** The contact (E.164). */
  phoneNumber?: string;
  formattedPhoneNumber?: string;
  /** Your number. */
  accountPhoneNumber?: string;
  formattedAccountPhoneNumber?: string;
  unsubscribed?: boolean;
  blocked?: boolean;
  unanswered?: boolean;
  assignedContact?: { [field: string]: unknown } | null;
  [field: string]: unknown;
}

export interface TextusMessage {
  "@type"?: string;
  "@context"?: string;
  id?: string;
  direction?: KnownOr<"in" | "out" | "incoming" | "outgoing">;
  body?: string;
  formattedBody?: string;
  deliveryState?: KnownOr<
    "created" | "received" | "scheduled" | "queued" | "dispatched" | "delivered" | "failed_transient" | "unknown" | "failed"
  >;
  status?: string;
  friendlyStateDescription?: string;
  source?: string;
  retryAllowed?: boolean;
  retry?: unknown;
  flags?: string[];
  attachments?: {
    "@context"?: string;
    "@type"?: string;
    id?: string;
    members?: unknown[];
    totalItems?: number;
    [field: string]: unknown;
  };
  conversation?: string;
  /** A user IRI for outgoing messages, null for incoming ones. */
  sender?: string | null;
  displayTimestamp?: string;
  timelinePosition?: string;
  latestEventAt?: string;
  [field: string]: unknown;
}

/** TextUs: a JSON-LD `WebhookDelivery` (or `OptOutWebhookDelivery`). */
export interface TextusPayload {
  "@type"?: string;
  "@context"?: string;
  /** The delivery IRI: the event id. */
  id?: string;
  /** ISO 8601 with an offset. */
  timestamp?: string;
  action: KnownOr<TextusEventName>;
  webHook?: string;
  conversation?: TextusConversation;
  /** Message events. */
  message?: TextusMessage;
  /** contact.opted_out / opted_in. */
  optOut?: {
    "@type"?: string;
    id?: string;
    type?: string;
    phoneNumber?: string;
    formattedPhoneNumber?: string;
    account?: string;
    [field: string]: unknown;
  };
  /** phone_call.completed (shape not documented publicly). */
  phoneCall?: { "@type"?: string; id?: string; [field: string]: unknown };
  /** contact.created (shape not documented publicly). */
  contact?: { "@type"?: string; id?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * standard: the JSON object body of a Standard Webhooks delivery that is not a smshook
 * event (a smshook event, as the Worker forwards it, comes back as that event, with its
 * own provider).
 */
export interface StandardPayload {
  [field: string]: unknown;
}

/** Twilio `MessageStatus` values. */
export type TwilioMessageStatus =
  | "queued"
  | "sending"
  | "sent"
  | "failed"
  | "delivered"
  | "undelivered"
  | "receiving"
  | "received"
  | "accepted"
  | "scheduled"
  | "read"
  | "partially_delivered"
  | "canceled";

/**
 * Twilio: the form parameters (strings; a name that repeats gives an array of its values
 * in order). A JSON body (a URL with `bodySHA256`) gives the parsed JSON instead.
 */
export interface TwilioPayload {
  /** `SM…`/`MM…`, 34 characters. */
  MessageSid?: string;
  SmsSid?: string;
  SmsMessageSid?: string;
  AccountSid?: string;
  MessagingServiceSid?: string;
  /** E.164 or `whatsapp:+…`. */
  From?: string;
  To?: string;
  Body?: string;
  NumMedia?: string;
  NumSegments?: string;
  MessageStatus?: KnownOr<TwilioMessageStatus>;
  SmsStatus?: string;
  /** Failed and undelivered messages. */
  ErrorCode?: string;
  ErrorMessage?: string;
  ChannelStatusMessage?: string;
  /** `YYMMDDhhmm`, zone not stated. */
  RawDlrDoneDate?: string;
  ApiVersion?: string;
  FromCity?: string;
  FromState?: string;
  FromZip?: string;
  FromCountry?: string;
  ToCity?: string;
  ToState?: string;
  ToZip?: string;
  ToCountry?: string;
  /** WhatsApp. */
  ProfileName?: string;
  WaId?: string;
  EventType?: string;
  ChannelPrefix?: string;
  ChannelInstallSid?: string;
  [name: `MediaUrl${number}`]: string | undefined;
  [name: `MediaContentType${number}`]: string | undefined;
  [name: string]: string | string[] | undefined;
}

/** Telnyx `data.event_type` values. */
export type TelnyxEventName = "message.received" | "message.sent" | "message.finalized" | "message.read";

/** Telnyx `payload.to[].status` values. */
export type TelnyxDeliveryStatus =
  | "queued"
  | "sending"
  | "sent"
  | "expired"
  | "sending_failed"
  | "delivery_unconfirmed"
  | "delivered"
  | "delivery_failed"
  | "read"
  | "webhook_delivered";

export interface TelnyxParty {
  phone_number?: string;
  carrier?: string | null;
  line_type?: string | null;
  [field: string]: unknown;
}

export interface TelnyxRecipient extends TelnyxParty {
  status?: KnownOr<TelnyxDeliveryStatus>;
}

/** The message of a Telnyx event (`data.payload`). */
export interface TelnyxMessage {
  id?: string;
  record_type?: string;
  direction?: KnownOr<"inbound" | "outbound">;
  type?: KnownOr<"SMS" | "MMS" | "RCS" | "WHATSAPP">;
  from?: TelnyxParty;
  /** Recipients; a plain string for WhatsApp inbound. */
  to?: TelnyxRecipient[] | string;
  cc?: TelnyxRecipient[];
  text?: string | null;
  subject?: string | null;
  media?: Array<{
    url?: string;
    content_type?: string | null;
    size?: number | null;
    sha256?: string | null;
    hash_sha256?: string | null;
    [field: string]: unknown;
  }>;
  encoding?: string;
  parts?: number;
  cost?: unknown;
  errors?: Array<{ code?: string | number; title?: string; detail?: string; meta?: unknown; source?: unknown; [field: string]: unknown }>;
  received_at?: string | null;
  sent_at?: string | null;
  completed_at?: string | null;
  valid_until?: string | null;
  tags?: string[];
  [field: string]: unknown;
}

/** Telnyx Messaging v2: `{data: {event_type, id, occurred_at, payload, record_type}, meta}`. */
export interface TelnyxPayload {
  data: {
    event_type: KnownOr<TelnyxEventName>;
    /** The event id (idempotency key). */
    id?: string;
    /** ISO 8601 with milliseconds. */
    occurred_at?: string;
    record_type?: string;
    payload?: TelnyxMessage;
    [field: string]: unknown;
  };
  meta?: { attempt?: number; delivered_to?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** Vonage Messages API status values. */
export type VonageStatus = "submitted" | "delivered" | "read" | "rejected" | "undeliverable";

/** A Vonage party given as an object (some channels). */
export interface VonageParty {
  type?: string;
  number?: string;
  id?: string;
  [field: string]: unknown;
}

/** Vonage Messages API: an inbound message or a status callback. */
export interface VonagePayload {
  message_uuid?: string;
  to?: string | VonageParty;
  from?: string | VonageParty;
  /** ISO 8601 UTC. */
  timestamp?: string;
  channel?: KnownOr<"sms" | "mms" | "whatsapp" | "messenger" | "viber_service" | "rcs">;
  message_type?: string;
  text?: string;
  /** Status callbacks. */
  status?: KnownOr<VonageStatus>;
  client_ref?: string;
  /** Failed statuses. */
  error?: { type?: string; title?: string | number; detail?: string; instance?: string; [field: string]: unknown };
  usage?: { currency?: string; price?: string; [field: string]: unknown };
  sms?: { num_messages?: string; total_count?: string; count_total?: string; keyword?: string; [field: string]: unknown };
  origin?: { network_code?: string; [field: string]: unknown };
  profile?: { name?: string; [field: string]: unknown };
  destination?: { [field: string]: unknown };
  workflow?: { [field: string]: unknown };
  [field: string]: unknown;
}

/** Plivo `Status` values. */
export type PlivoStatus = "queued" | "sent" | "failed" | "delivered" | "undelivered" | "read" | "rejected";

/** Plivo: the form parameters (strings; a name that repeats gives an array of its values in order). */
export interface PlivoPayload {
  MessageUUID?: string;
  From?: string;
  To?: string;
  /** SMS text (parts concatenated). */
  Text?: string;
  /** MMS / WhatsApp text. */
  Body?: string;
  Type?: KnownOr<"sms" | "mms" | "whatsapp">;
  Units?: string;
  TotalRate?: string;
  TotalAmount?: string;
  /** Inbound: "optout", "optin", "help" or "". */
  MessageIntent?: string;
  PowerpackUUID?: string;
  MediaCount?: string;
  /** Status callbacks. */
  Status?: KnownOr<PlivoStatus>;
  MCC?: string;
  MNC?: string;
  ErrorCode?: string;
  ParentMessageUUID?: string;
  PartInfo?: string;
  Sequence?: string;
  /** `YYYY-mm-dd HH:MM:SS.ffffff`, zone not stated (as the other times). */
  MessageTime?: string;
  QueuedTime?: string;
  SentTime?: string;
  DeliveryReportTime?: string;
  [name: `Media${number}`]: string | undefined;
  [name: string]: string | string[] | undefined;
}

/** Sinch callback types. */
export type SinchCallbackType =
  | "mo_text"
  | "mo_binary"
  | "mo_media"
  | "delivery_report_sms"
  | "delivery_report_mms"
  | "recipient_delivery_report_sms"
  | "recipient_delivery_report_mms";

/** Sinch delivery statuses. */
export type SinchDeliveryStatus =
  | "Queued"
  | "Dispatched"
  | "Aborted"
  | "Cancelled"
  | "Rejected"
  | "Deleted"
  | "Delivered"
  | "Failed"
  | "Expired"
  | "Unknown";

/** Sinch SMS REST API callbacks: inbound messages and delivery reports. */
export interface SinchPayload {
  type: KnownOr<SinchCallbackType>;
  /** Inbound: the message id. */
  id?: string;
  /** Inbound: MSISDNs without `+`. */
  from?: string;
  to?: string;
  /** mo_text: the text; mo_binary: base64; mo_media: an object. */
  body?: string | { subject?: string; message?: string; media?: Array<{ url?: string; contentType?: string; status?: string; code?: number; [field: string]: unknown }>; [field: string]: unknown };
  /** mo_binary: hex user data header. */
  udh?: string;
  received_at?: string;
  sent_at?: string;
  operator_id?: string;
  client_reference?: string;
  /** Reports. */
  batch_id?: string;
  /** Recipient reports. */
  recipient?: string;
  code?: number;
  status?: KnownOr<SinchDeliveryStatus>;
  at?: string;
  operator_status_at?: string;
  encoding?: string;
  number_of_message_parts?: number;
  /** Batch reports. */
  total_message_count?: number;
  statuses?: Array<{ code?: number; count?: number; status?: KnownOr<SinchDeliveryStatus>; recipients?: string[]; [field: string]: unknown }>;
  [field: string]: unknown;
}

/** Each provider's `data` type. */
export interface ProviderPayloads {
  textbee: TextbeePayload;
  "messages-dev": MessagesDevPayload;
  zuc: ZucPayload;
  httpsms: HttpsmsPayload;
  textus: TextusPayload;
  standard: StandardPayload;
  twilio: TwilioPayload;
  telnyx: TelnyxPayload;
  vonage: VonagePayload;
  plivo: PlivoPayload;
  sinch: SinchPayload;
}

/** The normalized types each provider's events can have (SPEC sections 2 and 7.3). */
export interface ProviderEventTypes {
  textbee: "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.status" | "unknown";
  "messages-dev":
    | "message.received"
    | "message.sent"
    | "reaction.added"
    | "reaction.removed"
    | "typing.started"
    | "typing.stopped"
    | "receipt.read"
    | "unknown";
  zuc: "message.received" | "unknown";
  httpsms:
    | "message.received"
    | "message.sent"
    | "message.delivered"
    | "message.failed"
    | "message.expired"
    | "call.missed"
    | "phone.online"
    | "phone.offline"
    | "unknown";
  textus:
    | "message.received"
    | "message.delivered"
    | "message.failed"
    | "message.status"
    | "call.completed"
    | "contact.opted_in"
    | "contact.opted_out"
    | "contact.created"
    | "unknown";
  standard: "unknown";
  twilio: "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.status" | "receipt.read" | "unknown";
  telnyx:
    | "message.received"
    | "message.sent"
    | "message.delivered"
    | "message.failed"
    | "message.expired"
    | "message.status"
    | "receipt.read"
    | "unknown";
  vonage: "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.status" | "receipt.read" | "unknown";
  plivo: "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.status" | "receipt.read" | "unknown";
  sinch: "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.expired" | "message.status" | "unknown";
}

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

/** The fields of every normalized event (SPEC section 2). */
export interface WebhookEventBase<P extends ProviderId = ProviderId, Data = unknown, T extends EventType = EventType> {
  provider: P;
  type: T;
  /** The event name exactly as the provider sent it. */
  providerEvent: string;
  /** Dedupe key (a hex SHA-256 of the raw body where the provider gives none). */
  id: string;
  /** RFC 3339 UTC, millisecond precision. */
  occurredAt: string | null;
  /** The provider's message id (exact digits). */
  messageId: string | null;
  from: string | null;
  to: string | null;
  text: string | null;
  error: WebhookEventError | null;
  /** The whole provider payload, parsed (form bodies: the parameter object). */
  data: Data;
}

/**
 * An event of provider `P` (a union over `P`): `data` is that provider's payload and
 * `type` one of its normalized types. `ProviderEvent` alone is the union over every
 * provider, a discriminated union on `provider`.
 */
export type ProviderEvent<P extends ProviderId = ProviderId> = P extends ProviderId
  ? WebhookEventBase<P, ProviderPayloads[P], ProviderEventTypes[P]>
  : never;

/**
 * The providers whose events deliveries for `P` can yield: a `standard` delivery whose
 * body is a smshook event (what the Worker forwards) yields that event, of any provider.
 */
export type EventProvider<P extends ProviderId> = "standard" extends P ? ProviderId : P;

declare const dataByProvider: unique symbol;
declare const dataType: unique symbol;

/**
 * The default type argument of `WebhookEvent`, `verify`, `verifyRequest` and
 * `verifyNodeRequest`: `data` typed by provider (a marker; no value has this type).
 */
export interface DataByProvider {
  readonly [dataByProvider]: true;
}

/** Carries an explicit `Data` argument so that `const e: WebhookEvent<D> = verify(…)` infers it. */
interface DataTypeTag<Data> {
  readonly [dataType]?: Data;
}

/** `Data` without it being an inference site (TypeScript's `NoInfer`, for TypeScript before 5.4). */
type Held<T> = [T][T extends unknown ? 0 : never];

/**
 * A verified event. `WebhookEvent` (no argument) is a discriminated union on `provider`:
 * `if (event.provider === "twilio") event.data.MessageSid` is typed. With an explicit
 * argument, `WebhookEvent<MyData>` has `data: MyData` whatever the provider.
 */
export type WebhookEvent<Data = DataByProvider> = 0 extends 1 & Data
  ? WebhookEventBase<ProviderId, Data>
  : [Data] extends [DataByProvider]
    ? ProviderEvent
    : WebhookEventBase<ProviderId, Data> & DataTypeTag<Data>;

/** What `verify` returns: events of the providers `P` can yield, or `data: Data` when `Data` is given. */
export type VerifiedEvent<Data, P extends ProviderId> = 0 extends 1 & Data
  ? WebhookEventBase<ProviderId, Held<Data>>
  : [Data] extends [DataByProvider]
    ? ProviderEvent<EventProvider<P>>
    : WebhookEventBase<ProviderId, Held<Data>> & DataTypeTag<Data>;

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly name: string;
  readonly scheme: string;
  readonly signatureHeader: string;
  /** The headers (lowercase) it sends with its signature, that a forwarder passes along with the raw body. */
  readonly headers: readonly string[];
}

export declare class WebhookVerificationError extends Error {
  constructor(code: ErrorCode, message?: string, provider?: ProviderId | null);
  readonly name: "WebhookVerificationError";
  readonly code: ErrorCode;
  /** The provider, when it was known. */
  readonly provider: ProviderId | null;
  /** The HTTP status to answer the sender with: 401 authentication, 400 malformed payload, 413 too large, 503 invalid secret, 404 unknown provider, 500 invalid argument. */
  readonly status: number;
}

/**
 * Verifies one delivery; synchronous. Throws `WebhookVerificationError`. The event's
 * `data` is typed by provider (narrow on `event.provider`; with `provider` given, already
 * narrowed); `verify<MyData>(…)` types `data` as `MyData` instead.
 */
export declare function verify<Data = DataByProvider, P extends ProviderId = ProviderId>(
  options: VerifyOptions<P>,
): VerifiedEvent<Data, P>;

/** Signs a body exactly as the provider would; `verify(sign(x))` round-trips. */
export declare function sign<B extends RawBody>(options: SignOptions<B>): SignedRequest<B>;

/** The provider these headers come from, or null. */
export declare function detect(headers: HeadersInput): ProviderId | null;

/** Every supported provider. */
export declare const PROVIDERS: ReadonlyArray<ProviderInfo>;

/**
 * Fetch API helper (Workers, Hono `c.req.raw`, Next.js route handlers, Deno, Bun): reads
 * `request.body` with a byte counter and verifies. Past `maxBodyBytes` (default 1 MiB; a
 * larger declared `Content-Length` before any read) it cancels the stream and throws
 * `body_too_large`. Throws `invalid_argument` if the body was read.
 */
export declare function verifyRequest<Data = DataByProvider, P extends ProviderId = ProviderId>(
  request: RequestLike,
  options: VerifyConfig<P>,
): Promise<VerifiedEvent<Data, P>>;

/**
 * Node helper (http, Express, Koa's `ctx.req`, Fastify's `request.raw`): reads the raw body
 * stream itself. Throws `invalid_argument`, naming the fix, when a body parser ran first.
 */
export declare function verifyNodeRequest<Data = DataByProvider, P extends ProviderId = ProviderId>(
  req: NodeRequestLike,
  options: VerifyConfig<P>,
): Promise<VerifiedEvent<Data, P>>;

export interface ExpressWebhookOptions extends VerifyConfig {
  /** Answer refused deliveries yourself (default: `err.status` with `{"error": code}`). */
  onError?: (error: WebhookVerificationError, req: any, res: any, next: (error?: unknown) => void) => void;
}

/**
 * Express middleware: sets `req.webhook` (the event) and `req.rawBody`, then calls next().
 * Misconfigurations (express.json() ran first, a bad secret) go to next(err).
 */
export declare function expressWebhook(
  options: ExpressWebhookOptions,
): (req: any, res: any, next: (error?: unknown) => void) => void;

// ---------------------------------------------------------------------------------------
// createVerifier
// ---------------------------------------------------------------------------------------

/** The secrets of a verifier: one entry per provider it accepts. */
export type VerifierSecrets<P extends ProviderId = ProviderId> = { [K in P]?: Secret };

/**
 * Options of `createVerifier`: the secrets of each provider to accept, plus any verify
 * option (the checks, and the public URL for twilio and plivo). Checked at construction.
 */
export interface VerifierOptions<P extends ProviderId = ProviderId> extends VerifyChecks, PublicUrlOptions {
  /** At least one provider: `{ twilio: authToken, textbee: [current, previous] }`. */
  secrets: VerifierSecrets<P>;
}

/** One delivery for `Verifier.verify`: the request parts (the checks come from the verifier). */
export interface VerifierDelivery<P extends ProviderId = ProviderId> {
  /** The request headers. */
  headers: HeadersInput;
  /** The exact raw body, before any JSON parsing. */
  body: RawBody;
  /** twilio, plivo: the URL the provider requested, exactly. */
  url?: string | UrlLike;
  /** This delivery's time, overriding the verifier's `now`. */
  now?: number | Date;
  /** One of the verifier's providers; when absent, detection among them decides. */
  provider?: P;
}

/** Options of `Verifier.verifyRequest`. */
export interface VerifierRequestOptions<P extends ProviderId = ProviderId> {
  /** twilio, plivo: the URL the provider requested (default: `request.url`, its origin replaced by `publicUrl`). */
  url?: string | UrlLike;
  /** One of the verifier's providers; when absent, detection among them decides. */
  provider?: P;
}

/** Options of `Verifier.verifyNodeRequest`. */
export interface VerifierNodeRequestOptions<P extends ProviderId = ProviderId> extends VerifierRequestOptions<P> {
  /** The raw body when the framework already collected it (a Buffer or Uint8Array, or a string; Fastify's parser). */
  body?: string | Uint8Array;
  /** Names the framework in error advice. */
  framework?: "express" | "koa" | "fastify" | "node";
}

/**
 * A verifier built once by `createVerifier`: it knows only the configured providers (a
 * delivery of another is `provider_not_detected`, or `unknown_provider` when named).
 * Its events are typed by those providers.
 */
export interface Verifier<P extends ProviderId = ProviderId> {
  /** The configured providers. */
  readonly providers: readonly P[];
  /** Verifies one delivery; synchronous. Throws `WebhookVerificationError`. */
  verify<Q extends P = P>(delivery: VerifierDelivery<Q>): ProviderEvent<EventProvider<Q>>;
  /** Fetch API helper, like the root `verifyRequest` (reads `request.body`, at most `maxBodyBytes`). */
  verifyRequest<Q extends P = P>(
    request: RequestLike,
    options?: VerifierRequestOptions<Q>,
  ): Promise<ProviderEvent<EventProvider<Q>>>;
  /** Node helper, like the root `verifyNodeRequest` (or takes `options.body` when the framework read it). */
  verifyNodeRequest<Q extends P = P>(
    req: NodeRequestLike,
    options?: VerifierNodeRequestOptions<Q>,
  ): Promise<ProviderEvent<EventProvider<Q>>>;
}

/** Resolves to an impossible requirement when no provider is configured. */
type AtLeastOneProvider<P extends ProviderId> = [P] extends [never]
  ? { secrets: { "at least one provider": Secret } }
  : unknown;

/**
 * Builds a verifier for the providers in `secrets`. Every option is checked here: an
 * unknown option, an unknown provider id or a bad secret throws `WebhookVerificationError`
 * (`invalid_argument`, `unknown_provider`, `invalid_secret`).
 */
export declare function createVerifier<P extends ProviderId>(
  options: VerifierOptions<P> & AtLeastOneProvider<P>,
): Verifier<P>;

// Only the names exported above are the package's (the helpers without `export` stay private).
export {};
