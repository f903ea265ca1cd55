// Type declarations for smshook (hand-written; SPEC sections 2 to 4).

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

/** Options of `verify` apart from the request itself (shared by the helpers). */
export interface VerifyConfig {
  /** The provider; when absent, `detect(headers)` decides (else `provider_not_detected`). */
  provider?: ProviderId;
  /**
   * One secret, or a rotation list (any one matching is enough). telnyx: the account's
   * public key (base64 of 32 bytes); twilio, plivo: the auth token.
   */
  secret: string | readonly string[];
  /**
   * twilio, plivo: the URL the provider requested, exactly (scheme, host, port, path,
   * query); without it they throw `invalid_argument`. `verifyRequest` defaults to
   * `request.url`; the Node helpers build it from `publicUrl` (or, with `trustProxy`, the
   * forwarded headers).
   */
  url?: string | UrlLike;
  /** Node helpers: the public origin deliveries arrive at, e.g. "https://hooks.example.com"; the request path is appended. */
  publicUrl?: string | UrlLike;
  /** Node helpers: rebuild the URL from `X-Forwarded-Proto`/`X-Forwarded-Host` (only behind a proxy you run). Default false. */
  trustProxy?: boolean;
  /** The time to check against, ms since the epoch (or a Date). Default: `Date.now()`. */
  now?: number | Date;
  /** Allowed clock difference for signed timestamps, seconds, both ways. Default 300. */
  toleranceSeconds?: number;
  /** Largest accepted body, bytes. Default 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /** httpsms: leeway for the JWT's exp, nbf and iat, seconds. Default 60. */
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

export interface VerifyOptions extends VerifyConfig {
  /** The request headers. */
  headers: HeadersInput;
  /** The exact raw body, before any JSON parsing. */
  body: RawBody;
}

export interface SignOptions<B extends RawBody = RawBody> {
  provider: ProviderId;
  /**
   * The secret (for a list, the first one signs). textbee requires at least 20
   * characters; telnyx signs with the private key: base64 of its 32-byte seed.
   */
  secret: string | readonly string[];
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

/** The normalized event (SPEC section 2). */
export interface WebhookEvent<Data = Record<string, unknown>> {
  provider: ProviderId;
  type: EventType;
  /** The event name exactly as the provider sent it. */
  providerEvent: string;
  /** Dedupe key (a hex SHA-256 of the raw body where the provider gives none). */
  id: string;
  /** RFC 3339 UTC, millisecond precision. */
  occurredAt: string | null;
  messageId: string | null;
  from: string | null;
  to: string | null;
  text: string | null;
  error: WebhookEventError | null;
  /** The whole provider payload, parsed. */
  data: Data;
}

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly name: string;
  readonly scheme: string;
  readonly signatureHeader: string;
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

/** Verifies one delivery; synchronous. Throws `WebhookVerificationError`. */
export declare function verify<Data = Record<string, unknown>>(options: VerifyOptions): WebhookEvent<Data>;

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
export declare function verifyRequest<Data = Record<string, unknown>>(
  request: RequestLike,
  options: VerifyConfig,
): Promise<WebhookEvent<Data>>;

/** The parts of Node's `http.IncomingMessage` the Node helpers use. */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  body?: unknown;
}

/**
 * Node helper (http, Express, Koa's `ctx.req`, Fastify's `request.raw`): reads the raw body
 * stream itself. Throws `invalid_argument`, naming the fix, when a body parser ran first.
 */
export declare function verifyNodeRequest<Data = Record<string, unknown>>(
  req: NodeRequestLike,
  options: VerifyConfig,
): Promise<WebhookEvent<Data>>;

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
