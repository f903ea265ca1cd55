#!/usr/bin/env python3
"""Write the shared smshook test vectors: tests/vectors/<provider>.json.

Python standard library only (hmac, hashlib, base64, json), plus `cryptography` for Ed25519
(Telnyx), an implementation independent of the Rust code. Deterministic: no randomness and no
clock; every time is fixed below, so two runs write the same bytes. Run from anywhere:
`python3 tests/vectors/generate.py`.

Facts come from ../shared/SPEC.md (sections 1-3 and 7), ../shared/PROVIDERS.md and
../shared/PROVIDERS-FIELD.md; the known-answer vectors of PROVIDERS.md section 7 and of
PROVIDERS-FIELD.md are copied verbatim, and this script asserts that its own signers reproduce
them.

Expected events are computed by the small normalizers below (one per provider, written from
the SPEC section 2 and 7.3 tables), and a few are also spelled out by hand and asserted. For
the section 7 providers (and textbee's timestamped form) a small reference verifier, written
from the SPEC section 7.2 rules, also runs over every case and must reach the case's expected
outcome, so each negative case fails for the reason its name gives.
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_FILE_BYTES = 200 * 1024

# ---------------------------------------------------------------------------------------------
# Primitives
# ---------------------------------------------------------------------------------------------


def u8(s):
    return s.encode("utf-8")


def cjson(obj):
    """Compact JSON as JSON.stringify / Go would write it: no spaces, raw UTF-8, key order kept."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def hmac_hex(key, msg):
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def b64u(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64(raw):
    return base64.b64encode(raw).decode("ascii")


def flip_bit(body, index, bit=0x01):
    """One flipped body byte (the byte at `index`, XOR `bit`)."""
    out = bytearray(body)
    out[index] ^= bit
    return bytes(out)


def ms_to_rfc3339(ms):
    t = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(milliseconds=int(ms))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$"
)


def iso_to_rfc3339(s):
    """RFC 3339 in, UTC with exactly 3 fractional digits out; extra digits TRUNCATED."""
    m = _RFC3339.match(s)
    assert m, s
    y, mo, d, h, mi, se, frac, off = m.groups()
    ms = int(((frac or "") + "000")[:3])
    t = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se), ms * 1000,
                    tzinfo=dt.timezone.utc)
    if off not in ("Z", "z"):
        sign = 1 if off[0] == "+" else -1
        t -= sign * dt.timedelta(hours=int(off[1:3]), minutes=int(off[4:6]))
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def iso_to_ms(s):
    z = iso_to_rfc3339(s)
    t = dt.datetime.strptime(z[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.timezone.utc)
    return int(t.timestamp()) * 1000 + int(z[20:23])


def opt_time_iso(v):
    return iso_to_rfc3339(v) if isinstance(v, str) else None


def opt_time_ms(v):
    return ms_to_rfc3339(v) if isinstance(v, int) and not isinstance(v, bool) else None


def opt_str(v):
    return v if isinstance(v, str) else None


def event(provider, type_, provider_event, id_, occurred_at=None, message_id=None,
          from_=None, to=None, text=None, error=None):
    return {"provider": provider, "type": type_, "providerEvent": provider_event, "id": id_,
            "occurredAt": occurred_at, "messageId": message_id, "from": from_, "to": to,
            "text": text, "error": error}


def lower_headers(headers):
    return {k.lower(): v.strip() for k, v in headers.items()}


# Self-checks of the time helpers (the rules of the brief, by example).
assert iso_to_rfc3339("2023-11-17T13:59:04.568354-05:00") == "2023-11-17T18:59:04.568Z"
assert iso_to_rfc3339("2026-01-01T00:00:00.524331882Z") == "2026-01-01T00:00:00.524Z"
assert iso_to_rfc3339("2026-01-01T00:00:05.166+03:00") == "2025-12-31T21:00:05.166Z"
assert iso_to_rfc3339("2026-01-01T00:00:06Z") == "2026-01-01T00:00:06.000Z"
assert iso_to_rfc3339("2021-07-27T18:48:16.878086+00:00") == "2021-07-27T18:48:16.878Z"
assert iso_to_rfc3339("2026-05-27T13:00:35.2089Z") == "2026-05-27T13:00:35.208Z"  # truncated
assert ms_to_rfc3339(1) == "1970-01-01T00:00:00.001Z"
assert ms_to_rfc3339(1710000000123) == "2024-03-09T16:00:00.123Z"

def b64_strict(s):
    """Standard, padded, canonical base64 (SPEC 7.2), or None."""
    if not s or len(s) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", s):
        return None
    try:
        raw = base64.b64decode(s, validate=True)
    except ValueError:
        return None
    return raw if b64(raw) == s else None


def b64u_strict(s):
    """Canonical base64url without padding (JWT segments), or None."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", s) or len(s) % 4 == 1:
        return None
    raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    return raw if b64u(raw) == s else None


def utf16_key(s):
    """Sort key: UTF-16 code units (JavaScript's sort, SPEC 7.2 "sorted by code unit")."""
    return s.encode("utf-16-be")


# ---------------------------------------------------------------------------------------------
# Forms (SPEC 7.1): application/x-www-form-urlencoded
# ---------------------------------------------------------------------------------------------

_FORM_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._")


class Refused(Exception):
    """A reference verifier's refusal: `code` is the SPEC section 3 error code."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def form_escape(s):
    out = []
    for byte in u8(s):
        if byte == 0x20:
            out.append("+")
        elif byte in _FORM_SAFE:
            out.append(chr(byte))
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def form_encode(pairs):
    """[(name, value)] → body bytes, encoded as browsers and the providers do."""
    return u8("&".join(form_escape(k) + "=" + form_escape(v) for k, v in pairs))


def _form_unescape(raw):
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x2B:  # '+'
            out.append(0x20)
        elif c == 0x25:  # '%'
            hx = raw[i + 1:i + 3]
            if len(hx) != 2 or not all(x in b"0123456789abcdefABCDEF" for x in hx):
                raise Refused("malformed_payload")
            out.append(int(hx, 16))
            i += 2
        else:
            out.append(c)
        i += 1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("malformed_payload") from None


def form_decode(body):
    """Body bytes → [(name, value)], strictly: a raw ASCII control byte, a '%' not followed by
    two hex digits, or bytes that are not UTF-8 once decoded are malformed_payload. A pair
    without '=' is a name with an empty value and empty pairs are skipped (WHATWG); no case
    relies on those two."""
    if any(b < 0x20 or b == 0x7F for b in body):
        raise Refused("malformed_payload")
    pairs = []
    for piece in body.split(b"&"):
        if not piece:
            continue
        name, _, value = piece.partition(b"=")
        pairs.append((_form_unescape(name), _form_unescape(value)))
    return pairs


def form_data(pairs):
    """The event's `data` for a form body: a repeated name gives the array of its values in
    order, a single one its string."""
    d = {}
    for k, v in pairs:
        if k not in d:
            d[k] = v
        elif isinstance(d[k], list):
            d[k].append(v)
        else:
            d[k] = [d[k], v]
    return d


def json_object(body):
    """The body as a JSON object (UTF-8, no BOM), or malformed_payload."""
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("malformed_payload") from None
    if not isinstance(obj, dict):
        raise Refused("malformed_payload")
    return obj


_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\?([^#]*))?$")


def url_query_pairs(url):
    """The raw (still encoded) name=value pairs of a URL's query."""
    q = _URL.match(url).group(4)
    return [p.partition("=")[::2] for p in q.split("&") if p] if q else []


def url_has_param(url, name):
    return url is not None and any(k == name for k, _ in url_query_pairs(url))


def url_without_param(url, name):
    m = _URL.match(url)
    if m.group(4) is None or not url_has_param(url, name):
        return url
    kept = [p for p in m.group(4).split("&") if p.partition("=")[0] != name]
    base = url[:m.end(3)]
    return base + ("?" + "&".join(kept) if kept else "")


def url_with_param(url, name, value):
    return url + ("&" if "?" in url else "?") + name + "=" + value


def jwt_parts(token):
    """(header, claims) of a JWT read WITHOUT verifying it, or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    raw = [b64u_strict(p) for p in parts[:2]]
    if None in raw:
        return None
    try:
        header, claims = (json.loads(r.decode("utf-8")) for r in raw)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        return None
    return header, claims


def bearer_token(value):
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


# ---------------------------------------------------------------------------------------------
# detect(headers): SPEC section 1 "Detection" and section 7.2 "Detection adds"
# ---------------------------------------------------------------------------------------------

_HEX = re.compile(r"^[0-9a-fA-F]+$")


def detect(headers):
    h = lower_headers(headers)
    auth = h.get("authorization")
    if auth is not None and "x-event-type" in h and auth.split(" ")[0].lower() == "bearer":
        return "httpsms"
    if auth is not None and "x-event-type" not in h:
        token = bearer_token(auth)
        parts = jwt_parts(token) if token is not None else None
        if parts is not None and parts[1].get("iss") == "Vonage":
            return "vonage"
    for name, provider in (("x-twilio-signature", "twilio"),
                           ("telnyx-signature-ed25519", "telnyx"),
                           ("x-plivo-signature-v3", "plivo"),
                           ("x-sinch-webhook-signature", "sinch"),
                           ("x-textbee-signature", "textbee")):
        if name in h:
            return provider
    if "x-textus-signature" in h:
        return "textus"
    if "x-signature" in h:
        return "textbee"
    if "x-webhook-signature" in h:
        v = h["x-webhook-signature"]
        if v.startswith("sha256="):
            return "zuc"
        if "x-webhook-timestamp" in h or _HEX.match(v):
            return "messages-dev"
        return None
    if "webhook-signature" in h:
        return "standard"
    return None


# ---------------------------------------------------------------------------------------------
# Case plumbing
# ---------------------------------------------------------------------------------------------

_UNSET = object()


URL_PROVIDERS = ("twilio", "plivo")


class File:
    def __init__(self, provider, source, signer, canonical_headers, verifier=None):
        self.provider = provider
        self.source = source
        self.signer = signer
        self.canonical = canonical_headers  # spelling the signer uses for its header names
        # verifier(case, body) -> the event with its data, raises Refused, or returns None (not
        # a case it judges); when given it must reach every case's expected outcome.
        self.verifier = verifier
        self.cases = []

    def add(self, name, source, secret, headers, body, options, expect, detect_=_UNSET,
            sign_matches=None, no_sign=False, url=None, sign_extra=None):
        assert isinstance(body, bytes)
        assert "now" in options
        assert (url is not None) == (self.provider in URL_PROVIDERS), (name, url)
        c = {"name": name, "source": source, "secret": secret, "headers": headers}
        if url is not None:
            c["url"] = url
        try:
            c["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            c["bodyBase64"] = b64(body)
        c["options"] = options
        positive = "event" in expect
        if self.provider in URL_PROVIDERS and positive and not url_has_param(url, "bodySHA256"):
            assert "data" in expect["event"], (name, "form bodies give data explicitly")
        if self.verifier is not None:
            self._check_reference(c, body, expect)
        if positive:
            c["sign"] = sign_args(self.provider, headers, options, url)
            c["sign"].update(sign_extra or {})
            d = detect(headers) if detect_ is _UNSET else detect_
            if detect_ is _UNSET:
                assert d == self.provider, (name, d)
            if d is not _UNSET:
                c["detect"] = d
            sm = self._sign_matches(c, body)
            if sign_matches is not None:
                assert sm == sign_matches, (self.provider, name, sm)
            if sm and not no_sign:
                c["signMatches"] = True
        else:
            assert sign_matches is None and sign_extra is None
        c["expect"] = expect
        assert name not in {x["name"] for x in self.cases}, name
        self.cases.append(c)
        return c

    def _check_reference(self, c, body, expect):
        try:
            got = self.verifier(c, body)
        except Refused as e:
            assert expect == err(e.code), (self.provider, c["name"], e.code, expect)
            return
        if got is None:
            return
        assert "event" in expect, (self.provider, c["name"], "reference accepts", expect)
        want = dict(expect["event"])
        if "data" not in want:
            want["data"] = json.loads(body)
        assert got == want, (self.provider, c["name"], got, want)

    def _sign_matches(self, c, body):
        secret = c["secret"]
        first = secret[0] if isinstance(secret, list) else secret
        if not first:
            return False
        key = c["sign"].get("secret", first)  # telnyx signs with the seed, not the public key
        # Only cases written with the canonical header spelling (the signer's).
        if any(k not in self.canonical for k in c["headers"]):
            return False
        signed = self.signer(key, body, c["options"], c["headers"], c["sign"])
        return signed is not None and signed == c["headers"]

    def write(self):
        doc = {"provider": self.provider, "source": self.source, "cases": self.cases}
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        # A BOM can only occur inside a JSON string here; escape it so no editor eats it.
        text = text.replace("\ufeff", "\\ufeff")
        assert json.loads(text) == doc
        data = text.encode("utf-8")
        assert len(data) < MAX_FILE_BYTES, (self.provider, len(data))
        path = os.path.join(HERE, self.provider + ".json")
        with open(path, "wb") as f:
            f.write(data)
        return path, len(self.cases), len(data)


def textbee_ts_fields(value):
    """The `t=<s>,v1=<hex>` entries of X-TextBee-Signature as a dict (None if unreadable)."""
    d = {}
    for entry in value.split(","):
        k, eq, v = entry.partition("=")
        if not eq or k in d:
            return None
        d[k] = v
    return d


def sign_args(provider, headers, options, url=None):
    """The `sign` arguments that reproduce a positive case (runners call sign with exactly
    these): the signed time (a timestamp header, textbee's t=, Vonage's iat; else
    options.now), the delivery id and event type the case's headers carry, the JWT audience
    and subject its options require, the URL (twilio, plivo; a Twilio JSON body's URL
    without its bodySHA256 parameter), the nonce (plivo, sinch) and textbee's timestamped
    flag. A telnyx case adds its signing seed as `secret` (File.add's sign_extra), as does
    any case signed over another URL than the one verified (`url`)."""
    h = lower_headers(headers)
    ts = (h.get("webhook-timestamp") or h.get("telnyx-timestamp")
          or h.get("x-sinch-webhook-signature-timestamp"))
    if provider == "textbee" and "x-textbee-signature" in h:
        ts = (textbee_ts_fields(h["x-textbee-signature"]) or {}).get("t")
    claims = None
    if provider == "vonage":
        token = bearer_token(h.get("authorization", ""))
        claims = jwt_parts(token)[1] if token is not None and jwt_parts(token) else {}
        iat = claims.get("iat")
        ts = str(iat) if isinstance(iat, int) and not isinstance(iat, bool) else None
    args = {"now": int(ts) * 1000 if ts is not None and ts.isdigit() else options["now"]}
    msg_id = h.get("x-webhook-delivery-id", h.get("webhook-id"))
    if claims is not None and isinstance(claims.get("jti"), str):
        msg_id = claims["jti"]
    if msg_id is not None:
        args["id"] = msg_id
    for key in ("audience", "subject"):
        if isinstance(options.get(key), str):
            args[key] = options[key]
    if h.get("x-event-type") is not None:
        args["eventType"] = h["x-event-type"]
    if url is not None:
        args["url"] = url_without_param(url, "bodySHA256") if provider == "twilio" else url
    nonce = h.get("x-plivo-signature-v3-nonce", h.get("x-sinch-webhook-signature-nonce"))
    if nonce is not None:
        args["nonce"] = nonce
    if provider == "textbee" and "x-textbee-signature" in h:
        args["timestamped"] = True
    return args


def ok(ev):
    return {"event": ev}


def err(code):
    return {"error": code}


BOM = b"\xef\xbb\xbf"
NON_ASCII_TEXT = "Olá, café crème ✓ 你好，世界 こんにちは 🎉👋🏽"
GEN = "generate.py: Python hmac"

# ---------------------------------------------------------------------------------------------
# textbee
# ---------------------------------------------------------------------------------------------

TB_SECRET = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b"  # PROVIDERS.md 7A
TB_OTHER = "9c1d7e2f-0a4b-4c8d-9e6f-1a2b3c4d5e6f"
TB_NOW = 1779886900000  # 2026-05-27T13:01:40Z
TB_7A_BODY = ('{"smsId":"6650f1c2a9b8c7d6e5f40123","message":"Hello from textbee ✓","deviceId":'
              '"6650f0aa1b2c3d4e5f607182","webhookSubscriptionId":"6650ef001122334455667788",'
              '"webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"3b8f5c2e-1d4a-4f6b-9c7e-'
              '2a1b0c9d8e7f","sender":"+15551234567","receivedAt":"2026-05-27T13:00:35.208Z"}')
TB_7A_SIG = "89bf6a69701ad16bdfce662f9187e26ea96a4518c9f6031165bac10d0c14e2f8"
assert len(u8(TB_7A_BODY)) == 314
assert hmac_hex(u8(TB_SECRET), u8(TB_7A_BODY)) == TB_7A_SIG

TB_TYPES = {"MESSAGE_RECEIVED": "message.received", "MESSAGE_SENT": "message.sent",
            "MESSAGE_DELIVERED": "message.delivered", "MESSAGE_FAILED": "message.failed",
            "UNKNOWN_STATE": "message.status", "SMS_STATUS_UPDATED": "message.status"}


def textbee_normalize(body):
    obj = json.loads(body)
    if "webhookEvent" in obj:
        name, src, envelope = obj["webhookEvent"], obj, False
    else:
        name, src, envelope = obj["event"], obj["data"], True
    t = TB_TYPES.get(name, "unknown")
    key = (src.get("idempotencyKey") if envelope else None) or obj.get("idempotencyKey")
    id_ = key if isinstance(key, str) and key else sha256_hex(body)
    mid = src.get("smsId")
    if envelope and mid is None:
        mid = src.get("_id")
    occurred = {"message.received": src.get("receivedAt"), "message.sent": src.get("sentAt"),
                "message.delivered": src.get("deliveredAt") or src.get("sentAt"),
                "message.failed": src.get("failedAt")}.get(t)
    if t == "message.received":
        frm, to = src.get("sender"), None
    elif t in ("message.sent", "message.delivered", "message.failed", "message.status"):
        frm, to = None, src.get("recipient")
    else:
        frm, to = None, None
    error = None
    if t == "message.failed":
        error = {"code": opt_str(src.get("errorCode")), "message": opt_str(src.get("errorMessage"))}
    return event("textbee", t, name, id_, opt_time_iso(occurred), opt_str(mid), opt_str(frm),
                 opt_str(to), opt_str(src.get("message")), error)


def textbee_sign(secret, body, options, headers, args=None):
    if len(secret) < 20:
        return None
    if args and args.get("timestamped"):
        t = str(args["now"] // 1000)
        return {"X-TextBee-Signature": "t=%s,v1=%s" % (t, hmac_hex(u8(secret), u8(t + ".") + body)),
                "X-Signature-Timestamp": t, "X-Signature": hmac_hex(u8(secret), body)}
    return {"X-Signature": hmac_hex(u8(secret), body)}


# textbee, timestamped (SPEC 7.2; PROVIDERS-FIELD.md section 6, textbee/textbee#316)
TB_T = 1767225600
TB_6_V1 = "95551975f729f66beb577ef6743e69689751bde626cb23317291837833f26679"
assert hmac_hex(u8(TB_SECRET), u8("%d." % TB_T + TB_7A_BODY)) == TB_6_V1


def ref_secrets(secret):
    lst = secret if isinstance(secret, list) else [secret]
    if not lst or any(not isinstance(s, str) or not s for s in lst):
        raise Refused("invalid_secret")
    return lst


def ref_limit(body, options):
    if len(body) > options.get("maxBodyBytes", 1048576):
        raise Refused("body_too_large")


def ref_within(ts_seconds, options):
    """The two-sided, inclusive tolerance, compared in ms (now is ms, the header seconds)."""
    return abs(options["now"] - ts_seconds * 1000) <= options.get("toleranceSeconds", 300) * 1000


def textbee_verify(c, body):
    """Reference for the timestamped form only (the other textbee cases predate it)."""
    h = lower_headers(c["headers"])
    if "x-textbee-signature" not in h:
        return None
    secrets = ref_secrets(c["secret"])
    ref_limit(body, c["options"])
    fields = textbee_ts_fields(h["x-textbee-signature"])
    if fields is None or "t" not in fields or "v1" not in fields:
        raise Refused("malformed_signature")
    t, v1 = fields["t"], fields["v1"]
    if not re.fullmatch(r"[0-9]+", t) or not v1 or len(v1) % 2 or not _HEX.match(v1):
        raise Refused("malformed_signature")
    want = bytes.fromhex(v1)
    if not any(hmac.compare_digest(hmac.new(u8(s), u8(t + ".") + body, hashlib.sha256).digest(),
                                   want) for s in secrets):
        raise Refused("signature_mismatch")
    if not ref_within(int(t), c["options"]):
        raise Refused("timestamp_out_of_tolerance")
    obj = json_object(body)
    if "webhookEvent" not in obj and not ("event" in obj and isinstance(obj.get("data"), dict)):
        raise Refused("malformed_payload")
    ev = textbee_normalize(body)
    ev["data"] = json.loads(body)
    return ev


def tb_ts_headers(body, t=TB_T, secret=TB_SECRET, v1=None, legacy=None):
    v1 = v1 if v1 is not None else hmac_hex(u8(secret), u8("%d." % t) + body)
    return {"X-TextBee-Signature": "t=%d,v1=%s" % (t, v1), "X-Signature-Timestamp": str(t),
            "X-Signature": legacy if legacy is not None else hmac_hex(u8(secret), body)}


def build_textbee_timestamped(f, received, sent):
    """SPEC 7.2 "textbee, timestamped": X-TextBee-Signature is the signature when present
    (tolerance on t), X-Signature is then ignored."""
    src6 = ("PROVIDERS-FIELD.md section 6 (textbee/textbee#316 d16b9323 webhook.service.ts "
            "L733-769)")
    gen6 = GEN + " in the " + src6 + " form"
    now = {"now": TB_T * 1000 + 2000}  # delivered two seconds after it was signed
    a = u8(TB_7A_BODY)
    c = f.add("ts-6-known-answer-verbatim", src6 + " known answer: section 7 A's secret and body "
              "with t=1767225600 (v1 95551975...); X-Signature keeps the legacy 89bf6a69...e2f8",
              TB_SECRET, tb_ts_headers(a), a, now, ok(textbee_normalize(a)), sign_matches=True)
    assert c["headers"] == {"X-TextBee-Signature": "t=1767225600,v1=" + TB_6_V1,
                            "X-Signature-Timestamp": "1767225600", "X-Signature": TB_7A_SIG}
    assert c["sign"] == {"now": TB_T * 1000, "timestamped": True}
    for name, body in (("ts-received", received), ("ts-sent", sent)):
        f.add(name, gen6, TB_SECRET, tb_ts_headers(body), body, now, ok(textbee_normalize(body)),
              sign_matches=True)
    ev = ok(textbee_normalize(a))
    f.add("ts-wrong-x-signature-is-ignored", gen6 + "; X-Signature all zeros, X-TextBee-Signature "
          "right: X-Signature is not checked", TB_SECRET, tb_ts_headers(a, legacy="00" * 32), a,
          now, ev)
    f.add("ts-malformed-x-signature-is-ignored", gen6 + "; X-Signature not even hex", TB_SECRET,
          tb_ts_headers(a, legacy="not-hex!"), a, now, ev)
    f.add("ts-right-x-signature-wrong-v1", gen6 + "; X-Signature right, v1 = the HMAC over the "
          "body alone (the wrong string)", TB_SECRET, tb_ts_headers(a, v1=TB_7A_SIG), a, now,
          err("signature_mismatch"))
    h = tb_ts_headers(a)
    del h["X-Signature"]
    f.add("ts-without-x-signature", gen6 + "; only X-TextBee-Signature and X-Signature-Timestamp",
          TB_SECRET, h, a, now, ev)
    h = {"X-TextBee-Signature": tb_ts_headers(a)["X-TextBee-Signature"]}
    f.add("ts-x-textbee-signature-alone", gen6 + "; X-TextBee-Signature alone (detect: textbee)",
          TB_SECRET, h, a, now, ev)
    f.add("ts-uppercase-v1-hex", gen6 + "; hex is decoded case-insensitively", TB_SECRET,
          tb_ts_headers(a, v1=TB_6_V1.upper()), a, now, ev)
    f.add("ts-rotation-right-secret-second", gen6 + "; secret list", [TB_OTHER, TB_SECRET],
          tb_ts_headers(a), a, now, ev)
    f.add("ts-wrong-secret", gen6, TB_OTHER, tb_ts_headers(a), a, now, err("signature_mismatch"))
    idx = a.index(b"Hello from")
    f.add("ts-body-one-byte-flipped", gen6 + "; signed, then one body byte flipped", TB_SECRET,
          tb_ts_headers(a), flip_bit(a, idx), now, err("signature_mismatch"))
    h = tb_ts_headers(a)
    h["X-TextBee-Signature"] = "t=%d,v1=%s" % (TB_T + 1, TB_6_V1)
    f.add("ts-t-changed", gen6 + "; v1 over t=1767225600, the header says t=1767225601",
          TB_SECRET, h, a, now, err("signature_mismatch"))
    for name, now_ms, expect in [
        ("ts-old-by-exactly-300-s", (TB_T + 300) * 1000, ev),
        ("ts-stale-by-301-s", (TB_T + 301) * 1000, err("timestamp_out_of_tolerance")),
        ("ts-future-by-exactly-300-s", (TB_T - 300) * 1000, ev),
        ("ts-future-by-301-s", (TB_T - 301) * 1000, err("timestamp_out_of_tolerance")),
    ]:
        f.add(name, gen6 + "; tolerance 300 s on t, inclusive", TB_SECRET, tb_ts_headers(a), a,
              {"now": now_ms}, expect)
    f.add("ts-stale-and-wrong-secret", gen6 + "; the signature is checked before t", TB_SECRET,
          tb_ts_headers(a, secret=TB_OTHER), a, {"now": (TB_T + 3600) * 1000},
          err("signature_mismatch"))
    good_v1 = "v1=" + TB_6_V1
    for name, value, why in [
        ("ts-no-t", good_v1, "no t= entry"),
        ("ts-no-v1", "t=%d" % TB_T, "no v1= entry"),
        ("ts-t-not-numeric", "t=yesterday," + good_v1, "t not numeric"),
        ("ts-t-empty", "t=," + good_v1, "t empty"),
        ("ts-v1-not-hex", "t=%d,v1=%s" % (TB_T, TB_6_V1[:60] + "zzzz"), "v1 not hex"),
        ("ts-v1-odd-length-hex", "t=%d,v1=%s" % (TB_T, TB_6_V1[:63]), "v1 of odd length"),
        ("ts-v1-empty", "t=%d,v1=" % TB_T, "v1 empty"),
        ("ts-header-empty", "", "X-TextBee-Signature empty"),
    ]:
        h = tb_ts_headers(a)
        h["X-TextBee-Signature"] = value
        f.add(name, gen6 + "; " + why + " (X-Signature right, and ignored)", TB_SECRET, h, a, now,
              err("malformed_signature"))
    h = tb_ts_headers(a)
    h["X-TextBee-Signature"] = "t=%d,v1=%s" % (TB_T, TB_6_V1[:62])
    f.add("ts-v1-wrong-length-62-hex", gen6 + "; valid hex of the wrong length", TB_SECRET, h, a,
          now, err("signature_mismatch"))
    h["X-TextBee-Signature"] = "t=%d,v1=%s" % (TB_T, "0" * 64)
    f.add("ts-v1-right-format-wrong-value", gen6 + "; 64 hex digits, not the HMAC", TB_SECRET, h,
          a, now, err("signature_mismatch"))
    f.add("ts-body-too-large", gen6 + "; correctly signed, maxBodyBytes 64", TB_SECRET,
          tb_ts_headers(a), a, dict(now, maxBodyBytes=64), err("body_too_large"))
    f.add("ts-empty-object-body", gen6 + "; correctly signed {}", TB_SECRET, tb_ts_headers(b"{}"),
          b"{}", now, err("malformed_payload"))


def tb_flat(sms_id, message, event_name, key, **rest):
    d = {"smsId": sms_id, "message": message, "deviceId": "6650f0aa1b2c3d4e5f607182",
         "webhookSubscriptionId": "6650ef001122334455667788", "webhookEvent": event_name}
    if key is not None:
        d["idempotencyKey"] = key
    d.update(rest)
    return u8(cjson(d))


def build_textbee():
    f = File("textbee", "PROVIDERS.md section 1 (textbee server source, vernu/textbee c5e59321) "
             "and section 7 A, PROVIDERS-FIELD.md section 6 (the timestamped form); signatures "
             "by generate.py (Python hmac)", textbee_sign,
             {"X-Signature", "X-TextBee-Signature", "X-Signature-Timestamp"},
             verifier=textbee_verify)
    src17 = GEN + " over the PROVIDERS.md section 1.7 example shape"
    now = {"now": TB_NOW}

    def sig(body, secret=TB_SECRET):
        return hmac_hex(u8(secret), body)

    def signed(name, source, body, expect=None, **kw):
        ev = expect if expect is not None else ok(textbee_normalize(body))
        return f.add(name, source, TB_SECRET, {"X-Signature": sig(body)}, body, now, ev, **kw)

    a = u8(TB_7A_BODY)
    c = signed("7a-received-verbatim", "PROVIDERS.md section 7 A (Node crypto, cross-checked "
               "with Python)", a, sign_matches=True)
    assert c["expect"]["event"] == event(
        "textbee", "message.received", "MESSAGE_RECEIVED", "3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f",
        "2026-05-27T13:00:35.208Z", "6650f1c2a9b8c7d6e5f40123", "+15551234567", None,
        "Hello from textbee ✓", None)

    received = tb_flat("6650f1c2a9b8c7d6e5f40123", "Hello ✓", "MESSAGE_RECEIVED",
                       "3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f", sender="+15551234567",
                       receivedAt="2026-05-27T13:00:35.208Z")
    sent = tb_flat("6650f1c2a9b8c7d6e5f40124", "Your code is 1234", "MESSAGE_SENT",
                   "0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d", smsBatchId="6650f1c2a9b8c7d6e5f40100",
                   status="sent", recipient="+15557654321", sentAt="2026-05-27T13:01:02.000Z")
    delivered = tb_flat("6650f1c2a9b8c7d6e5f40124", "Your code is 1234", "MESSAGE_DELIVERED",
                        "1c6f8b2d-3e4a-4b5c-9d7e-8f9a0b1c2d3e",
                        smsBatchId="6650f1c2a9b8c7d6e5f40100", status="delivered",
                        recipient="+15557654321", sentAt="2026-05-27T13:01:02.000Z",
                        deliveredAt="2026-05-27T13:01:09.000Z")
    failed = tb_flat("6650f1c2a9b8c7d6e5f40126", "Your code is 5678", "MESSAGE_FAILED",
                     "2d7a9c3e-4f5b-4c6d-8e8f-9a0b1c2d3e4f", smsBatchId="6650f1c2a9b8c7d6e5f40101",
                     status="failed", recipient="+15557654321", errorCode="FCM_TOKEN_NOT_REGISTERED",
                     errorMessage="Requested entity was not found.",
                     failedAt="2026-05-27T13:01:02.000Z")
    unknown_state = tb_flat("6650f1c2a9b8c7d6e5f40127", "Queued text", "UNKNOWN_STATE",
                            "3e8b0d4f-5a6c-4d7e-9f0a-0b1c2d3e4f5a",
                            smsBatchId="6650f1c2a9b8c7d6e5f40102", status="pending",
                            recipient="+15557654321")
    status_updated = tb_flat("6650f1c2a9b8c7d6e5f40128", "Dispatched text", "SMS_STATUS_UPDATED",
                             "4f9c1e5a-6b7d-4e8f-8a1b-1c2d3e4f5a6b",
                             smsBatchId="6650f1c2a9b8c7d6e5f40103", status="dispatched",
                             recipient="+15557654321")
    signed("received-flat", src17, received)
    signed("sent-flat", src17, sent)
    c = signed("delivered-flat", src17, delivered)
    assert c["expect"]["event"]["occurredAt"] == "2026-05-27T13:01:09.000Z"
    signed("delivered-flat-no-delivered-at-uses-sent-at", src17,
           tb_flat("6650f1c2a9b8c7d6e5f40124", "Your code is 1234", "MESSAGE_DELIVERED",
                   "5a0d2f6b-7c8e-4f9a-9b2c-2d3e4f5a6b7c", smsBatchId="6650f1c2a9b8c7d6e5f40100",
                   status="delivered", recipient="+15557654321",
                   sentAt="2026-05-27T13:01:02.000Z", deliveredAt=None))
    c = signed("failed-flat", src17, failed)
    assert c["expect"]["event"]["error"] == {"code": "FCM_TOKEN_NOT_REGISTERED",
                                             "message": "Requested entity was not found."}
    signed("unknown-state-flat", GEN + " over the PROVIDERS.md section 1.6 UNKNOWN_STATE fields",
           unknown_state)
    signed("sms-status-updated-flat", GEN + " over the PROVIDERS.md section 1.6 base fields "
           "(SMS_STATUS_UPDATED is in the enum but never emitted)", status_updated)

    envelope = u8(cjson({"event": "MESSAGE_RECEIVED", "timestamp": "2026-05-27T13:00:35.300Z",
                         "data": {"_id": "6650f1c2a9b8c7d6e5f40129", "sender": "+15551234567",
                                  "message": "Hello from the docs", "receivedAt":
                                  "2026-05-27T13:00:35.208Z",
                                  "device": {"_id": "6650f0aa1b2c3d4e5f607182", "enabled": True,
                                             "model": "Pixel 8"},
                                  "createdAt": "2026-05-27T13:00:35.250Z",
                                  "updatedAt": "2026-05-27T13:00:35.250Z"}}))
    c = signed("received-envelope", GEN + " over the textbee.dev/docs/webhooks envelope "
               "(PROVIDERS.md section 1.4 item 2)", envelope)
    assert c["expect"]["event"]["id"] == sha256_hex(envelope)
    assert c["expect"]["event"]["messageId"] == "6650f1c2a9b8c7d6e5f40129"
    envelope_sent = u8(cjson({"event": "MESSAGE_SENT", "timestamp": "2026-05-27T13:01:02.100Z",
                              "data": {"smsId": "6650f1c2a9b8c7d6e5f40130",
                                       "idempotencyKey": "6b1e3a7c-8d9f-4a0b-8c3d-3e4f5a6b7c8d",
                                       "message": "Sent via envelope", "recipient":
                                       "+15557654321", "sentAt": "2026-05-27T13:01:02.000Z"}}))
    signed("sent-envelope-with-idempotency-key", GEN + " over the section 1.4 envelope with the "
           "section 1.6 fields in data", envelope_sent)

    legacy = u8(cjson({"smsId": "6650f1c2a9b8c7d6e5f40131", "sender": "+15551234567",
                       "message": "Legacy delivery", "receivedAt": "2025-01-15T08:30:00.000Z",
                       "deviceId": "6650f0aa1b2c3d4e5f607182",
                       "webhookSubscriptionId": "6650ef001122334455667788",
                       "webhookEvent": "MESSAGE_RECEIVED"}))
    c = signed("received-legacy-no-idempotency-key", GEN + " over the PROVIDERS.md section 1.6 "
               "legacy shape (Dec 2024 - Sep 2025 key order)", legacy)
    assert c["expect"]["event"]["id"] == sha256_hex(legacy)
    nulls = tb_flat("6650f1c2a9b8c7d6e5f40132", None, "MESSAGE_SENT",
                    "7c2f4b8d-9e0a-4b1c-9d4e-4f5a6b7c8d9e", smsBatchId=None, status="sent",
                    recipient="+15557654321", sentAt=None)
    c = signed("sent-null-optional-fields", GEN + "; null-valued optional fields (PROVIDERS.md "
               "section 1.6 nullability)", nulls)
    assert c["expect"]["event"]["text"] is None and c["expect"]["event"]["occurredAt"] is None
    unknown = tb_flat("6650f1c2a9b8c7d6e5f40133", "Future event", "MESSAGE_QUEUED",
                      "8d3a5c9e-0f1b-4c2d-8e5f-5a6b7c8d9e0f", recipient="+15557654321")
    c = signed("unknown-event-name", GEN + "; an event name outside the enum", unknown)
    assert c["expect"]["event"]["type"] == "unknown"
    utf = tb_flat("6650f1c2a9b8c7d6e5f40134", NON_ASCII_TEXT, "MESSAGE_RECEIVED",
                  "9e4b6d0f-1a2c-4d3e-9f6a-6b7c8d9e0f1a", sender="Zoë", receivedAt=
                  "2026-05-27T13:00:40.001Z")
    signed("received-non-ascii-text", src17 + "; emoji, accents, CJK as raw UTF-8", utf)

    # Header handling (positive)
    f.add("uppercase-hex", GEN + "; hex is decoded case-insensitively", TB_SECRET,
          {"X-Signature": sig(received).upper()}, received, now, ok(textbee_normalize(received)))
    f.add("header-name-odd-case", GEN + "; header names are case-insensitive", TB_SECRET,
          {"x-SIGNATURE": sig(received)}, received, now, ok(textbee_normalize(received)))
    f.add("header-value-surrounding-whitespace", GEN + "; header values are trimmed", TB_SECRET,
          {"X-Signature": "  " + sig(received) + "\t"}, received, now,
          ok(textbee_normalize(received)))
    f.add("rotation-right-secret-second", GEN + "; secret list, any one matching", [TB_OTHER,
          TB_SECRET], {"X-Signature": sig(received)}, received, now,
          ok(textbee_normalize(received)))

    # Negative
    f.add("rotation-both-wrong", GEN, [TB_OTHER, "another-wrong-secret-000000"],
          {"X-Signature": sig(received)}, received, now, err("signature_mismatch"))
    f.add("wrong-secret", GEN, TB_OTHER, {"X-Signature": sig(received)}, received, now,
          err("signature_mismatch"))
    idx = received.index(b"+15551234567") + 11
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", TB_SECRET,
          {"X-Signature": sig(received)}, flip_bit(received, idx), now, err("signature_mismatch"))
    f.add("missing-signature-header", GEN, TB_SECRET, {"Content-Type": "application/json"},
          received, now, err("missing_signature"))
    good = sig(received)
    f.add("signature-not-hex", GEN, TB_SECRET, {"X-Signature": good[:60] + "zzzz"}, received, now,
          err("malformed_signature"))
    f.add("signature-wrong-length-62-hex", GEN + "; valid hex of the wrong length", TB_SECRET,
          {"X-Signature": good[:62]}, received, now, err("signature_mismatch"))
    f.add("signature-odd-length-hex", GEN, TB_SECRET, {"X-Signature": good[:63]}, received, now,
          err("malformed_signature"))
    f.add("signature-empty", GEN, TB_SECRET, {"X-Signature": ""}, received, now,
          err("malformed_signature"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", TB_SECRET,
          {"X-Signature": TB_7A_SIG}, a, {"now": TB_NOW, "maxBodyBytes": 64},
          err("body_too_large"))
    f.add("body-too-large-before-signature", GEN + "; the size limit is checked first",
          TB_SECRET, {"X-Signature": "00" * 32}, a, {"now": TB_NOW, "maxBodyBytes": 64},
          err("body_too_large"))
    f.add("body-exactly-max-size", GEN + "; the size limit is inclusive (body == maxBodyBytes)",
          TB_SECRET, {"X-Signature": TB_7A_SIG}, a, {"now": TB_NOW, "maxBodyBytes": len(a)},
          ok(textbee_normalize(a)))
    for name, body, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"smsId":"6650f1c2a9b8c7d6e5f40135","message":"caf\xe9",'
         b'"webhookEvent":"MESSAGE_RECEIVED"}', "Latin-1 byte, not UTF-8"),
        ("empty-object-body", b"{}", "{}"),
        ("bom-prefixed-body", BOM + received, "UTF-8 BOM before a valid payload"),
        ("json-array-body", b"[]", "a JSON array"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, TB_SECRET, {"X-Signature": sig(body)},
              body, now, err("malformed_payload"))
    blank = tb_flat("6650f1c2a9b8c7d6e5f40140", "hi", "MESSAGE_RECEIVED", "",
                    sender="+15551234567", receivedAt="2026-05-27T13:00:35.208Z")
    f.add("idempotency-key-empty", GEN + "; an empty idempotencyKey is no id: the body hash is",
          TB_SECRET, {"X-Signature": sig(blank)}, blank, now, ok(textbee_normalize(blank)))
    odd = tb_flat("6650f1c2a9b8c7d6e5f40141", "hi", "MESSAGE_RECEIVED", " k\r\n\u0000é ",
                  sender="+15551234567", receivedAt="2026-05-27T13:00:35.208Z")
    c = signed("idempotency-key-not-a-header-value", GEN + "; an id with spaces, CR, LF, NUL and "
               "non-ASCII is the id verbatim (the Worker hashes it for webhook-id)", odd)
    assert c["expect"]["event"]["id"] == " k\r\n\u0000é "
    # Nesting: the body is level 1; 100 levels are accepted, 101 refused (SPEC: a body that
    # serde_json's recursion limit could not parse again is malformed_payload).
    for depth, expect in [(100, None), (101, err("malformed_payload")),
                          (200, err("malformed_payload"))]:
        inner = "[" * (depth - 1) + "]" * (depth - 1)
        deep = u8('{"smsId":"d","message":"hi","webhookEvent":"MESSAGE_RECEIVED",'
                  '"sender":"+15551234567","nested":' + inner + '}')
        name = f"body-nested-{depth}-levels"
        if expect is None:
            signed(name, GEN + "; arrays nested to the documented limit of 100 levels", deep)
        else:
            f.add(name, GEN + "; nested deeper than the documented limit of 100 levels",
                  TB_SECRET, {"X-Signature": sig(deep)}, deep, now, expect)
    f.add("empty-secret", GEN, "", {"X-Signature": good}, received, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], {"X-Signature": good}, received, now,
          err("invalid_secret"))
    build_textbee_timestamped(f, received, sent)
    return f


# ---------------------------------------------------------------------------------------------
# messages-dev
# ---------------------------------------------------------------------------------------------

MD_SECRET = "test_secret_123"  # PROVIDERS.md 7B
MD_OTHER = "wrong_secret_456"
MD_NOW = 1710000001000
MD_7B_TS = "1710000000000"
MD_7B_BODY = ('{"event":"message.received","data":{"id":"msg_a","line_id":"ln_a","chat_id":'
              '"cht_a","guid":"g-a","sender":"+15559876543","attachments":[],"is_from_me":false,'
              '"sent_at":1,"synced_at":2,"line_handle":"+15551234567"},"timestamp":1710000000000,'
              '"delivery_id":"dlv_fixed"}')
MD_7B_SIG = "32bfad18f13370642a7e0b7d0140aeb49158983e140dfda0be828e1241af66d7"
MD_7B_BODY_ONLY = "cc9005c4bbc62825b64df8325e942b8381f6df5b8076081427e45c89454f84c4"
assert hmac_hex(u8(MD_SECRET), u8(MD_7B_TS + "." + MD_7B_BODY)) == MD_7B_SIG
assert hmac_hex(u8(MD_SECRET), u8(MD_7B_BODY)) == MD_7B_BODY_ONLY

MD_EVENTS = ("message.received", "message.sent", "reaction.added", "reaction.removed",
             "typing.started", "typing.stopped", "receipt.read")


def md_body_ts_token(body):
    """The raw JSON token of the body's top-level "timestamp", or None."""
    try:
        obj = json.loads(body.decode("utf-8"), parse_int=str, parse_float=str)
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("timestamp"), str):
        tok = obj["timestamp"]
        return tok if tok.isdigit() else None
    return None


def md_normalize(body, headers):
    obj = json.loads(body)
    name = obj["event"]
    t = name if name in MD_EVENTS else "unknown"
    data = obj.get("data") if isinstance(obj.get("data"), dict) else {}
    # The X-Webhook-Delivery-Id header is not signed: it never becomes the id.
    did = obj.get("delivery_id")
    id_ = did if isinstance(did, str) and did else sha256_hex(body)
    occurred = mid = frm = to = text = None
    if t.startswith("message.") or t.startswith("reaction."):
        occurred = opt_time_ms(data.get("sent_at"))
    elif t.startswith("typing."):
        occurred = opt_time_ms(data.get("updated_at"))
    elif t == "receipt.read":
        occurred = opt_time_ms(data.get("last_read_at"))
    if t.startswith("message."):
        mid = data.get("id")
        text = data.get("text")
    elif t.startswith("reaction."):
        mid = data.get("message_id")
    if t == "message.received":
        frm, to = data.get("sender"), data.get("line_handle")
    elif t == "message.sent":
        frm, to = data.get("line_handle"), None
    elif t != "unknown":
        frm = data.get("sender") if data.get("sender") is not None else data.get("handle")
        to = data.get("line_handle")
    return event("messages-dev", t, name, id_, occurred, opt_str(mid), opt_str(frm), opt_str(to),
                 opt_str(text), None)


def md_sign(secret, body, options, headers, args=None):
    ts = md_body_ts_token(body) or str(options["now"])
    id_ = headers.get("X-Webhook-Delivery-Id")
    if id_ is None:
        try:
            id_ = json.loads(body).get("delivery_id")
        except ValueError:
            id_ = None
    if id_ is None:
        return None  # the signer would mint a fresh id
    return {"X-Webhook-Signature": hmac_hex(u8(secret), u8(ts + ".") + body),
            "X-Webhook-Timestamp": ts, "X-Webhook-Delivery-Id": id_}


def md_body(name, data, ts, delivery_id):
    d = {"event": name, "data": data, "timestamp": ts}
    if delivery_id is not None:
        d["delivery_id"] = delivery_id
    return u8(cjson(d))


def build_messages_dev():
    f = File("messages-dev", "PROVIDERS.md section 2 (messages-dev/sdk src/webhooks.ts, 3b31f0f5) "
             "and section 7 B; signatures by generate.py (Python hmac)", md_sign,
             {"X-Webhook-Signature", "X-Webhook-Timestamp", "X-Webhook-Delivery-Id"})
    now = {"now": MD_NOW}
    key = u8(MD_SECRET)

    def hdrs(body, ts, did=None, secret=MD_SECRET, sig=None):
        h = {"X-Webhook-Signature": sig if sig is not None else
             hmac_hex(u8(secret), u8(str(ts) + ".") + body),
             "X-Webhook-Timestamp": str(ts)}
        if did is not None:
            h["X-Webhook-Delivery-Id"] = did
        return h

    def signed(name, source, body, ts, did, options=None, expect=None, **kw):
        h = hdrs(body, ts, did)
        ev = expect if expect is not None else ok(md_normalize(body, h))
        return f.add(name, source, MD_SECRET, h, body, options or now, ev, **kw)

    b7 = u8(MD_7B_BODY)
    c = signed("7b-received-verbatim", "PROVIDERS.md section 7 B (Node crypto, cross-checked with "
               "Python; the SDK test 'buildWebhookDelivery accepts a fixed timestamp and "
               "deliveryId')", b7, MD_7B_TS, "dlv_fixed", sign_matches=True)
    assert c["headers"]["X-Webhook-Signature"] == MD_7B_SIG
    assert c["expect"]["event"] == event(
        "messages-dev", "message.received", "message.received", "dlv_fixed",
        "1970-01-01T00:00:00.001Z", "msg_a", "+15559876543", "+15551234567", None, None)
    f.add("7b-body-only-hmac-with-timestamp-header", "PROVIDERS.md section 7 B negative check "
          "(body-only HMAC must not verify when X-Webhook-Timestamp is sent)", MD_SECRET,
          hdrs(b7, MD_7B_TS, "dlv_fixed", sig=MD_7B_BODY_ONLY), b7, now,
          err("signature_mismatch"))
    h = {"X-Webhook-Signature": MD_7B_BODY_ONLY, "X-Webhook-Delivery-Id": "dlv_fixed"}
    f.add("older-form-body-only-no-timestamp-header", "PROVIDERS.md section 7 B body-only HMAC; "
          "accepted because X-Webhook-Timestamp is absent (SPEC section 1, older documented "
          "form)", MD_SECRET, h, b7, now, ok(md_normalize(b7, h)))
    h = {"X-Webhook-Signature": MD_7B_SIG, "X-Webhook-Delivery-Id": "dlv_fixed"}
    f.add("older-form-body-timestamp-dot-body-no-timestamp-header", "PROVIDERS.md section 7 B "
          "signature over '<body timestamp>.<body>', X-Webhook-Timestamp absent", MD_SECRET, h,
          b7, now, ok(md_normalize(b7, h)))
    f.add("older-form-body-only-stale-body-timestamp", GEN + "; no timestamp header, body-only "
          "HMAC, the body timestamp 300001 ms old", MD_SECRET,
          {"X-Webhook-Signature": MD_7B_BODY_ONLY}, b7, {"now": 1710000300001},
          err("timestamp_out_of_tolerance"))

    src26 = GEN + " over the PROVIDERS.md section 2.6 example shape"
    rx_data = {"id": "msg_k57f3x9q2", "chat_id": "cht_8d2n4m",
               "guid": "6F1C2D3E-4B5A-4C6D-8E7F-9A0B1C2D3E4F", "sender": "+15559876543",
               "text": "Hey there!", "attachments": [], "is_from_me": False,
               "is_audio_message": False, "sent_at": 1710000000000, "reply_to_guid": None,
               "line_handle": "+15551234567"}
    rx_did = "dlv_3f2a9c1e8b7d4e6fa0b1c2d3e4f5a6b7"
    rx = md_body("message.received", rx_data, 1710000000123, rx_did)
    c = signed("message-received", src26, rx, 1710000000123, rx_did, sign_matches=True)
    assert c["expect"]["event"]["occurredAt"] == "2024-03-09T16:00:00.000Z"
    tx_data = dict(rx_data, id="msg_k57f3x9q3", guid="7A2D3E4F-5B6C-4D7E-8F90-A1B2C3D4E5F6",
                   sender="+15551234567", text="On my way", is_from_me=True,
                   sent_at=1710000000200)
    tx = md_body("message.sent", tx_data, 1710000000250, "dlv_0a1b2c3d4e5f60718293a4b5c6d7e8f9")
    signed("message-sent", src26, tx, 1710000000250, "dlv_0a1b2c3d4e5f60718293a4b5c6d7e8f9")
    ra_data = {"id": "rxn_abc", "message_id": "msg_abc", "chat_id": "cht_abc", "type": "love",
               "sender": "+15559876543", "is_from_me": False, "added": True,
               "sent_at": 1710000000500, "line_handle": "+15551234567"}
    ra = md_body("reaction.added", ra_data, 1710000000600, "dlv_1b2c3d4e5f60718293a4b5c6d7e8f90a")
    signed("reaction-added", src26, ra, 1710000000600, "dlv_1b2c3d4e5f60718293a4b5c6d7e8f90a")
    rr = md_body("reaction.removed", dict(ra_data, id="rxn_abd", added=False,
                                          sent_at=1710000000700),
                 1710000000800, "dlv_2c3d4e5f60718293a4b5c6d7e8f90a1b")
    signed("reaction-removed", src26, rr, 1710000000800, "dlv_2c3d4e5f60718293a4b5c6d7e8f90a1b")
    srcinf = GEN + " over the PROVIDERS.md section 2.5 inferred shape (not delivered today)"
    ts_data = {"id": "typ_abc", "chat_id": "cht_abc", "handle": "+15559876543",
               "is_typing": True, "updated_at": 1710000000300, "line_handle": "+15551234567"}
    tsb = md_body("typing.started", ts_data, 1710000000310, "dlv_3d4e5f60718293a4b5c6d7e8f90a1b2c")
    c = signed("typing-started", srcinf, tsb, 1710000000310, "dlv_3d4e5f60718293a4b5c6d7e8f90a1b2c")
    assert c["expect"]["event"]["from"] == "+15559876543"
    tpb = md_body("typing.stopped", dict(ts_data, is_typing=False, updated_at=1710000000400),
                  1710000000410, "dlv_4e5f60718293a4b5c6d7e8f90a1b2c3d")
    signed("typing-stopped", srcinf, tpb, 1710000000410, "dlv_4e5f60718293a4b5c6d7e8f90a1b2c3d")
    rd = md_body("receipt.read", {"id": "rcp_abc", "chat_id": "cht_abc", "handle":
                                  "+15559876543", "last_read_at": 1710000000450,
                                  "synced_at": 1710000000460, "line_handle": "+15551234567"},
                 1710000000470, "dlv_5f60718293a4b5c6d7e8f90a1b2c3d4e")
    signed("receipt-read", srcinf, rd, 1710000000470, "dlv_5f60718293a4b5c6d7e8f90a1b2c3d4e")
    un = md_body("message.edited", {"id": "msg_k57f3x9q2", "text": "edited",
                                    "line_handle": "+15551234567"},
                 1710000000480, "dlv_60718293a4b5c6d7e8f90a1b2c3d4e5f")
    c = signed("unknown-event-name", GEN + "; an event name outside the 7 listed", un,
               1710000000480, "dlv_60718293a4b5c6d7e8f90a1b2c3d4e5f")
    assert c["expect"]["event"]["type"] == "unknown" and c["expect"]["event"]["text"] is None
    utf = md_body("message.received", dict(rx_data, id="msg_utf8", text=NON_ASCII_TEXT,
                                           sender="zoë@example.com"),
                  1710000000490, "dlv_718293a4b5c6d7e8f90a1b2c3d4e5f60")
    signed("message-received-non-ascii-text", src26 + "; emoji, accents, CJK as raw UTF-8", utf,
           1710000000490, "dlv_718293a4b5c6d7e8f90a1b2c3d4e5f60")
    nod = md_body("message.received", rx_data, 1710000000123, None)
    c = signed("delivery-id-header-never-becomes-the-id", GEN + "; body without delivery_id: "
               "the unsigned X-Webhook-Delivery-Id header is not the id, the body hash is",
               nod, 1710000000123, "dlv_8293a4b5c6d7e8f90a1b2c3d4e5f6071")
    assert c["expect"]["event"]["id"] == sha256_hex(nod)
    c = signed("replay-with-another-delivery-id-header-keeps-the-id", GEN + "; the same signed "
               "delivery replayed with a fresh X-Webhook-Delivery-Id dedupes as the same event",
               nod, 1710000000123, "dlv_replayed_with_a_fresh_header_id")
    assert c["expect"]["event"]["id"] == sha256_hex(nod)
    c = signed("id-sha256-of-body-without-any-delivery-id", GEN + "; no delivery_id anywhere",
               nod, 1710000000123, None)
    assert c["expect"]["event"]["id"] == sha256_hex(nod)

    # Freshness: body timestamp == header timestamp == T; now moves.
    T = 1710000000123
    for name, now_ms, exp in [
        ("stale-by-300001-ms", T + 300001, err("timestamp_out_of_tolerance")),
        ("old-by-exactly-300000-ms", T + 300000, None),
        ("future-by-exactly-300000-ms", T - 300000, None),
        ("future-by-300001-ms", T - 300001, err("timestamp_out_of_tolerance")),
    ]:
        signed(name, GEN + "; tolerance 300 s, inclusive, compared in ms", rx, T, rx_did,
               options={"now": now_ms}, expect=exp)
    signed("tolerance-option-60s-exceeded", GEN + "; toleranceSeconds 60", rx, T, rx_did,
           options={"now": T + 60001, "toleranceSeconds": 60},
           expect=err("timestamp_out_of_tolerance"))
    signed("tolerance-option-60s-at-bound", GEN + "; toleranceSeconds 60, inclusive", rx, T,
           rx_did, options={"now": T - 60000, "toleranceSeconds": 60})
    f.add("stale-and-wrong-secret", GEN + "; the signature is checked before the timestamp",
          MD_SECRET, hdrs(rx, T, rx_did, secret=MD_OTHER), rx, {"now": T + 900000},
          err("signature_mismatch"))
    f.add("header-and-body-timestamps-differ", GEN + "; signed correctly with the header "
          "timestamp (body timestamp + 1000)", MD_SECRET, hdrs(rx, T + 1000, rx_did), rx, now,
          err("malformed_payload"))
    f.add("header-and-body-timestamps-differ-both-stale", GEN + "; the disagreement is reported "
          "before the tolerance", MD_SECRET, hdrs(rx, T + 1000, rx_did), rx,
          {"now": T + 3600000}, err("malformed_payload"))
    f.add("timestamp-header-not-numeric", GEN + "; signed over 'not-a-number.<body>'", MD_SECRET,
          hdrs(rx, "not-a-number", rx_did), rx, now, err("malformed_signature"))
    h = hdrs(rx, T, rx_did)
    h["X-Webhook-Signature"] = "sha256=" + h["X-Webhook-Signature"]
    f.add("signature-with-sha256-prefix", GEN + "; Messages.dev sends bare hex", MD_SECRET, h, rx,
          now, err("malformed_signature"))

    # Common header cases
    good = hdrs(rx, T, rx_did)["X-Webhook-Signature"]

    def with_sig(s):
        return dict(hdrs(rx, T, rx_did), **{"X-Webhook-Signature": s})

    f.add("uppercase-hex", GEN + "; hex is decoded case-insensitively", MD_SECRET,
          with_sig(good.upper()), rx, now, ok(md_normalize(rx, with_sig(good))))
    odd = {"x-WEBHOOK-signature": good, "X-WEBHOOK-TIMESTAMP": str(T),
           "x-webhook-delivery-id": rx_did}
    f.add("header-names-odd-case", GEN + "; header names are case-insensitive", MD_SECRET, odd,
          rx, now, ok(md_normalize(rx, odd)))
    f.add("header-values-surrounding-whitespace", GEN + "; header values are trimmed", MD_SECRET,
          {"X-Webhook-Signature": " " + good + " ", "X-Webhook-Timestamp": " %d " % T,
           "X-Webhook-Delivery-Id": rx_did}, rx, now, ok(md_normalize(rx, with_sig(good))))
    f.add("rotation-right-secret-second", GEN + "; secret list", [MD_OTHER, MD_SECRET],
          with_sig(good), rx, now, ok(md_normalize(rx, with_sig(good))))
    f.add("rotation-both-wrong", GEN, [MD_OTHER, "still_wrong_789"], with_sig(good), rx, now,
          err("signature_mismatch"))
    f.add("wrong-secret", GEN, MD_OTHER, with_sig(good), rx, now, err("signature_mismatch"))
    idx = rx.index(b"Hey there!")
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", MD_SECRET,
          with_sig(good), flip_bit(rx, idx), now, err("signature_mismatch"))
    h = hdrs(rx, T, rx_did)
    del h["X-Webhook-Signature"]
    f.add("missing-signature-header", GEN + "; timestamp and delivery id present", MD_SECRET, h,
          rx, now, err("missing_signature"))
    f.add("signature-not-hex", GEN, MD_SECRET, with_sig(good[:60] + "xyz!"), rx, now,
          err("malformed_signature"))
    f.add("signature-wrong-length-62-hex", GEN, MD_SECRET, with_sig(good[:62]), rx, now,
          err("signature_mismatch"))
    f.add("signature-odd-length-hex", GEN, MD_SECRET, with_sig(good[:63]), rx, now,
          err("malformed_signature"))
    f.add("signature-empty", GEN, MD_SECRET, with_sig(""), rx, now, err("malformed_signature"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", MD_SECRET,
          with_sig(good), rx, {"now": MD_NOW, "maxBodyBytes": 64}, err("body_too_large"))
    for name, body, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"event":"message.received","data":{"text":"caf\xe9"},'
         b'"timestamp":1710000000123}', "Latin-1 byte, not UTF-8"),
        ("empty-object-body", b"{}", "{}"),
        ("bom-prefixed-body", BOM + rx, "UTF-8 BOM before a valid payload"),
        ("known-event-without-data", u8(cjson({"event": "message.received", "timestamp": T,
                                               "delivery_id": rx_did})),
         "a known event without a data object"),
    ]:
        f.add(name, GEN + "; correctly signed with the header timestamp, " + why, MD_SECRET,
              hdrs(body, T, rx_did), body, now, err("malformed_payload"))
    f.add("empty-secret", GEN, "", with_sig(good), rx, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], with_sig(good), rx, now, err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# zuc (scan.zuc.ro)
# ---------------------------------------------------------------------------------------------

ZUC_SECRET = "zuc_test_secret_0123456789"  # PROVIDERS.md 7C
ZUC_OTHER = "zuc_other_secret_9876543210"
ZUC_7C_BODY = ('{"event":"sms.received","version":"1","data":{"messageId":42,"from":'
               '"+14155551234","to":"+12025550100","body":"Hello, this is a test message",'
               '"receivedAt":"2026-03-01T15:30:00.000Z"}}')
ZUC_7C_SIG = "sha256=7801c057bb4d74b2998f2842b35201eee926b88fa6ff96be179ad95cc5246b5d"
assert "sha256=" + hmac_hex(u8(ZUC_SECRET), u8(ZUC_7C_BODY)) == ZUC_7C_SIG
ZUC_NOW = iso_to_ms("2026-03-01T15:30:01.000Z")


def zuc_normalize(body):
    obj = json.loads(body, parse_int=str, parse_float=str)  # keep the exact number tokens
    name = obj["event"]
    t = "message.received" if name == "sms.received" else "unknown"
    data = obj.get("data") if isinstance(obj.get("data"), dict) else {}
    mid = data.get("messageId")
    mid = mid if isinstance(mid, str) else None
    return event("zuc", t, name, mid if mid is not None else sha256_hex(body),
                 opt_time_iso(data.get("receivedAt")), mid, opt_str(data.get("from")),
                 opt_str(data.get("to")), opt_str(data.get("body")), None)


def zuc_sign(secret, body, options, headers, args=None):
    return {"X-Webhook-Signature": "sha256=" + hmac_hex(u8(secret), body)}


def zuc_body(event_name, message_id_token, frm, to, text, received_at):
    data = cjson({"from": frm, "to": to, "body": text, "receivedAt": received_at})
    return u8('{"event":%s,"version":"1","data":{"messageId":%s,%s}' % (
        cjson(event_name), message_id_token, data[1:]))


def build_zuc():
    f = File("zuc", "PROVIDERS.md section 3 (scan.zuc.ro docs page 'Webhooks') and section 7 C; "
             "signatures by generate.py (Python hmac)", zuc_sign, {"X-Webhook-Signature"})
    now = {"now": ZUC_NOW}

    def sig(body, secret=ZUC_SECRET):
        return "sha256=" + hmac_hex(u8(secret), body)

    def signed(name, source, body, **kw):
        return f.add(name, source, ZUC_SECRET, {"X-Webhook-Signature": sig(body)}, body, now,
                     ok(zuc_normalize(body)), **kw)

    b7 = u8(ZUC_7C_BODY)
    c = signed("7c-received-verbatim", "PROVIDERS.md section 7 C (Node crypto, cross-checked with "
               "Python)", b7, sign_matches=True)
    assert c["headers"]["X-Webhook-Signature"] == ZUC_7C_SIG
    assert c["expect"]["event"] == event(
        "zuc", "message.received", "sms.received", "42", "2026-03-01T15:30:00.000Z", "42",
        "+14155551234", "+12025550100", "Hello, this is a test message", None)
    src = GEN + " over the PROVIDERS.md section 3 example shape"
    big = zuc_body("sms.received", "12345678901234567890123", "+14155551234", "+12025550100",
                   "Big id", "2026-03-01T15:30:00.500Z")
    c = signed("received-message-id-beyond-2-pow-64", src + "; messageId 12345678901234567890123 "
               "must keep every digit", big)
    assert c["expect"]["event"]["id"] == "12345678901234567890123"
    assert c["expect"]["event"]["messageId"] == "12345678901234567890123"
    b53 = zuc_body("sms.received", "9007199254740993", "+14155551234", "+12025550100",
                   "Beyond 2^53", "2026-03-01T15:30:00.600Z")
    signed("received-message-id-beyond-2-pow-53", src + "; 2^53 + 1 is not a double", b53)
    utf = zuc_body("sms.received", "43", "+33612345678", "+12025550100", NON_ASCII_TEXT,
                   "2026-03-01T15:30:00.700+02:00")
    c = signed("received-non-ascii-text-and-offset-time", src + "; emoji, accents, CJK as raw "
               "UTF-8; a receivedAt with an offset", utf)
    assert c["expect"]["event"]["occurredAt"] == "2026-03-01T13:30:00.700Z"
    unk = zuc_body("sms.delivered", "44", "+12025550100", "+14155551234", "Delivered text",
                   "2026-03-01T15:30:00.800Z")
    c = signed("unknown-event-name", src + "; an event other than sms.received (fields still "
               "read from data)", unk)
    assert c["expect"]["event"]["type"] == "unknown" and c["expect"]["event"]["id"] == "44"

    body = b7
    good = ZUC_7C_SIG

    def h(v):
        return {"X-Webhook-Signature": v}

    f.add("uppercase-hex", GEN + "; hex is decoded case-insensitively", ZUC_SECRET,
          h("sha256=" + good[7:].upper()), body, now, ok(zuc_normalize(body)))
    f.add("header-name-odd-case", GEN, ZUC_SECRET, {"x-WEBHOOK-Signature": good}, body, now,
          ok(zuc_normalize(body)))
    f.add("header-value-surrounding-whitespace", GEN + "; header values are trimmed", ZUC_SECRET,
          h(" " + good + "  "), body, now, ok(zuc_normalize(body)))
    f.add("rotation-right-secret-second", GEN, [ZUC_OTHER, ZUC_SECRET], h(good), body, now,
          ok(zuc_normalize(body)))
    f.add("rotation-both-wrong", GEN, [ZUC_OTHER, "zuc_third_secret_000"], h(good), body, now,
          err("signature_mismatch"))
    f.add("wrong-secret", GEN, ZUC_OTHER, h(good), body, now, err("signature_mismatch"))
    idx = body.index(b"test message")
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", ZUC_SECRET,
          h(good), flip_bit(body, idx), now, err("signature_mismatch"))
    f.add("missing-signature-header", GEN, ZUC_SECRET, {}, body, now, err("missing_signature"))
    f.add("signature-not-hex", GEN, ZUC_SECRET, h(good[:-4] + "ghij"), body, now,
          err("malformed_signature"))
    f.add("signature-wrong-length-62-hex", GEN, ZUC_SECRET, h(good[:7 + 62]), body, now,
          err("signature_mismatch"))
    f.add("signature-odd-length-hex", GEN, ZUC_SECRET, h(good[:7 + 63]), body, now,
          err("malformed_signature"))
    f.add("signature-empty", GEN, ZUC_SECRET, h(""), body, now, err("malformed_signature"))
    f.add("signature-bare-hex-without-prefix", GEN + "; the sha256= prefix is required",
          ZUC_SECRET, h(good[7:]), body, now, err("malformed_signature"))
    f.add("signature-prefix-only", GEN + "; 'sha256=' with nothing after it", ZUC_SECRET,
          h("sha256="), body, now, err("malformed_signature"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", ZUC_SECRET, h(good),
          body, {"now": ZUC_NOW, "maxBodyBytes": 64}, err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"event":"sms.received","version":"1","data":{"messageId":45,'
         b'"body":"caf\xe9"}}', "Latin-1 byte, not UTF-8"),
        ("empty-object-body", b"{}", "{}"),
        ("bom-prefixed-body", BOM + body, "UTF-8 BOM before a valid payload"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, ZUC_SECRET, h(sig(b)), b, now,
              err("malformed_payload"))
    f.add("empty-secret", GEN, "", h(good), body, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], h(good), body, now, err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# httpsms
# ---------------------------------------------------------------------------------------------

HS_KEY = "DGW8NwQp7mxKaSZ72Xq9v67SLqSbWQvckzzmK8D6rvd7NywSEkdMJtuxKyEkYnCY"  # PROVIDERS.md 7E
HS_OTHER = "wrong-signing-key-0000000000000000000000000000000000000000000000"
HS_NOW = 1767225600000
HS_IAT = 1767225600
HS_AUD = "https://example.com/webhooks/httpsms"
HS_SUB = "XtABz6zdeFMoBLoltz6SREDvRSh2"
HS_ISS = "api.httpsms.com"
HS_7E_V5 = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhcGkuaHR0cHNtcy5jb20iLCJzdWIiOiJYdEFCe"
            "jZ6ZGVGTW9CTG9sdHo2U1JFRHZSU2gyIiwiYXVkIjpbImh0dHBzOi8vZXhhbXBsZS5jb20vd2ViaG9va3MvaH"
            "R0cHNtcyJdLCJleHAiOjE3NjcyMjYyMDAsIm5iZiI6MTc2NzIyNTAwMCwiaWF0IjoxNzY3MjI1NjAwfQ.JPIu"
            "GdwZuSiDk6F_LadfZ1bS0fvaUSc0NxhxlWqvhxA")
HS_7E_V3 = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2V4YW1wbGUuY29tL3dlYmhvb2t"
            "zL2h0dHBzbXMiLCJleHAiOjE3NjcyMjYyMDAsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoiYXBpLmh0dHBzbXMu"
            "Y29tIiwibmJmIjoxNzY3MjI1MDAwLCJzdWIiOiJYdEFCejZ6ZGVGTW9CTG9sdHo2U1JFRHZSU2gyIn0.aXBKg"
            "Iydesje6i_j9NYBb6zH6z8MeNh4U603pcoNC7U")
JWT_HEADER = '{"alg":"HS256","typ":"JWT"}'
_OMIT = object()


def jwt_claims(iat, iss=HS_ISS, sub=HS_SUB, aud=_OMIT, exp=_OMIT, nbf=_OMIT, **extra):
    """Claims in golang-jwt v5 struct order: iss, sub, aud, exp, nbf, iat (then extras)."""
    d = {}
    for k, v in (("iss", iss), ("sub", sub), ("aud", [HS_AUD] if aud is _OMIT else aud),
                 ("exp", iat + 600 if exp is _OMIT else exp),
                 ("nbf", iat - 600 if nbf is _OMIT else nbf), ("iat", iat)):
        if v is not None:
            d[k] = v
    d.update(extra)
    return cjson(d)


def jwt(claims_json, key=HS_KEY, header_json=JWT_HEADER, digest=hashlib.sha256):
    signing_input = b64u(u8(header_json)) + "." + b64u(u8(claims_json))
    sig = hmac.new(u8(key), u8(signing_input), digest).digest()
    return signing_input + "." + b64u(sig)


assert jwt(jwt_claims(HS_IAT)) == HS_7E_V5
_v3_claims = cjson({"aud": HS_AUD, "exp": HS_IAT + 600, "iat": HS_IAT, "iss": HS_ISS,
                    "nbf": HS_IAT - 600, "sub": HS_SUB})
assert jwt(_v3_claims) == HS_7E_V3

HS_TYPES = {"message.phone.received": "message.received", "message.phone.sent": "message.sent",
            "message.phone.delivered": "message.delivered",
            "message.send.failed": "message.failed", "message.send.expired": "message.expired",
            "message.call.missed": "call.missed", "phone.heartbeat.online": "phone.online",
            "phone.heartbeat.offline": "phone.offline"}


def httpsms_normalize(body):
    obj = json.loads(body)
    name = obj["type"]
    t = HS_TYPES.get(name, "unknown")
    data = obj.get("data") if isinstance(obj.get("data"), dict) else {}
    mid = frm = to = text = error = None
    if t.startswith("message.") or t.startswith("call."):
        mid = data.get("message_id") if data.get("message_id") is not None else data.get("id")
        text = data.get("content")
    if t in ("message.received", "call.missed"):
        frm, to = data.get("contact"), data.get("owner")
    elif t in ("message.sent", "message.delivered", "message.failed", "message.expired"):
        frm, to = data.get("owner"), data.get("contact")
    if t == "message.failed":
        error = {"code": None, "message": opt_str(data.get("error_message"))}
    return event("httpsms", t, name, obj["id"], opt_time_iso(obj.get("time")), opt_str(mid),
                 opt_str(frm), opt_str(to), opt_str(text), error)


def httpsms_sign(secret, body, options, headers, args=None):
    iat = options["now"] // 1000
    # httpSMS always sends its user id as sub; smshook's sign mints a placeholder without one.
    d = {"iss": HS_ISS, "sub": options.get("subject", "smshook-placeholder-user")}
    if "audience" in options:
        d["aud"] = [options["audience"]]
    d.update(exp=iat + 600, nbf=iat - 600, iat=iat)
    event_type = headers.get("X-Event-Type")
    if event_type is None:
        try:
            event_type = json.loads(body)["type"]
        except (ValueError, KeyError, TypeError):
            return None
    return {"Authorization": "Bearer " + jwt(cjson(d), key=secret), "X-Event-Type": event_type}


def cloudevent(id_, source, type_, time, data):
    return u8(cjson({"specversion": "1.0", "id": id_, "source": source, "type": type_,
                     "datacontenttype": "application/json", "time": time, "data": data}))


def build_httpsms():
    f = File("httpsms", "PROVIDERS.md section 4 (NdoleStudio/httpsms 5dab6f80, golang-jwt v5) "
             "and section 7 E; tokens by generate.py (Python hmac, base64url)", httpsms_sign,
             {"Authorization", "X-Event-Type"})
    opts = {"now": HS_NOW, "audience": HS_AUD, "subject": HS_SUB}
    tok = jwt(jwt_claims(HS_IAT))
    src46 = GEN + " JWT (iat = now) over a PROVIDERS.md section 4.6 example body"

    def hdr(token, event_type, scheme="Bearer "):
        return {"Authorization": scheme + token, "X-Event-Type": event_type}

    rx = cloudevent("f4aed1d3-ab4f-42b9-b9dd-9fc7182f7197", "/v1/messages/receive",
                    "message.phone.received", "2026-01-01T00:00:00.524331882Z",
                    {"message_id": "0b0123bb-ef2e-468f-908a-c026d51636aa", "user_id": HS_SUB,
                     "owner": "+18005550199", "encrypted": False, "contact": "+18005550100",
                     "timestamp": "2025-12-31T23:59:59.814Z",
                     "content": "This is a test incoming message", "sim": "SIM1",
                     "attachments": []})
    c = f.add("7e-v5-token-verbatim", "PROVIDERS.md section 7 E current (v5) token (Node crypto, "
              "cross-checked with Python); body: the section 4.6 message.phone.received example",
              HS_KEY, hdr(HS_7E_V5, "message.phone.received"), rx, opts, ok(httpsms_normalize(rx)),
              sign_matches=True)
    assert c["expect"]["event"] == event(
        "httpsms", "message.received", "message.phone.received",
        "f4aed1d3-ab4f-42b9-b9dd-9fc7182f7197", "2026-01-01T00:00:00.524Z",
        "0b0123bb-ef2e-468f-908a-c026d51636aa", "+18005550100", "+18005550199",
        "This is a test incoming message", None)
    sent_data = {"id": "ff313c14-17a3-4f74-bcb2-ca77213a64af", "user_id": HS_SUB,
                 "request_id": None, "owner": "+18005550199", "contact": "+18005550100",
                 "encrypted": False, "timestamp": "2026-01-01T00:00:05.166+03:00",
                 "content": "Hi", "sim": "SIM1"}
    sent = cloudevent("5a4c3f2e-1d0b-4a9c-8b7a-6f5e4d3c2b1a",
                      "/v1/messages/ff313c14-17a3-4f74-bcb2-ca77213a64af/events",
                      "message.phone.sent", "2026-01-01T00:00:05.2Z", sent_data)
    f.add("7e-v3-legacy-token-verbatim", "PROVIDERS.md section 7 E legacy (v3, aud a string) "
          "token; body: a section 4.6 message.phone.sent example", HS_KEY,
          hdr(HS_7E_V3, "message.phone.sent"), sent, opts, ok(httpsms_normalize(sent)),
          sign_matches=False)

    delivered = cloudevent("6b5d4a3f-2e1c-4b0d-9c8b-7a6f5e4d3c2b",
                           "/v1/messages/ff313c14-17a3-4f74-bcb2-ca77213a64af/events",
                           "message.phone.delivered", "2026-01-01T00:00:09.123456789Z",
                           {"id": "ff313c14-17a3-4f74-bcb2-ca77213a64af", "owner": "+18005550199",
                            "contact": "+18005550100", "request_id": "order-42", "user_id": HS_SUB,
                            "encrypted": False, "timestamp": "2026-01-01T00:00:09.1Z",
                            "content": "Hi", "sim": "SIM1"})
    failed = cloudevent("7c6e5b4a-3f2d-4c1e-8d9c-8b7a6f5e4d3c",
                        "/v1/messages/ff313c14-17a3-4f74-bcb2-ca77213a64af/events",
                        "message.send.failed", "2026-01-01T00:00:06Z",
                        {"id": "ff313c14-17a3-4f74-bcb2-ca77213a64af",
                         "error_message": "RESULT_ERROR_GENERIC_FAILURE", "user_id": HS_SUB,
                         "owner": "+18005550199", "request_id": "order-42",
                         "contact": "+18005550100", "timestamp": "2026-01-01T00:00:06Z",
                         "encrypted": False, "content": "Hi", "sim": "SIM2"})
    expired = cloudevent("8d7f6c5b-4a3e-4d2f-9e0d-9c8b7a6f5e4d", "/v1/messages/send",
                         "message.send.expired", "2026-01-01T00:10:00.123456Z",
                         {"message_id": "1c1234cc-f03f-479a-a19b-d137e62747bb",
                          "owner": "+18005550199", "send_attempt_count": 1, "is_final": False,
                          "request_id": None, "contact": "+18005550100", "encrypted": False,
                          "user_id": HS_SUB, "timestamp": "2026-01-01T00:10:00.123456Z",
                          "content": "Hi", "sim": "SIM1"})
    missed = cloudevent("9e8a7d6c-5b4f-4e3a-8f1e-0d9c8b7a6f5e", "/v1/messages/calls/missed",
                        "message.call.missed", "2026-01-01T00:00:01.5Z",
                        {"message_id": "2d2345dd-a14a-48ab-b2ac-e248f73858cc", "user_id": HS_SUB,
                         "owner": "+18005550199", "contact": "+18005550100",
                         "timestamp": "2026-01-01T00:00:00Z", "sim": "SIM1"})
    hb = {"phone_id": "3e3456ee-b25b-49bc-83bd-f359a84969dd", "user_id": HS_SUB,
          "last_heartbeat_timestamp": "2026-01-01T00:00:00Z", "timestamp": "2026-01-01T01:05:00Z",
          "monitor_id": "4f4567ff-c36c-4acd-94ce-a46ab95a7aee", "owner": "+18005550199"}
    offline = cloudevent("a09b8e7d-6c5a-4f4b-9a2f-1e0d9c8b7a6f", "/v1/heartbeats",
                         "phone.heartbeat.offline", "2026-01-01T01:05:00.000000001Z", hb)
    online = cloudevent("b1ac9f8e-7d6b-405c-8b3a-2f1e0d9c8b7a", "/v1/heartbeats",
                        "phone.heartbeat.online", "2026-01-01T01:06:00Z",
                        dict(hb, timestamp="2026-01-01T01:06:00Z"))
    unknown = cloudevent("c2bd0a9f-8e7c-416d-9c4b-3a2f1e0d9c8b", "/v1/heartbeats",
                         "phone.heartbeat.missed", "2026-01-01T00:30:00Z", hb)
    utf = cloudevent("d3ce1b0a-9f8d-427e-8d5c-4b3a2f1e0d9c", "/v1/messages/receive",
                     "message.phone.received", "2026-01-01T00:00:00Z",
                     {"message_id": "5a5678aa-d47d-4bde-a5df-b57bca6b8bff", "user_id": HS_SUB,
                      "owner": "+18005550199", "encrypted": False, "contact": "+33612345678",
                      "timestamp": "2026-01-01T00:00:00Z", "content": NON_ASCII_TEXT,
                      "sim": "SIM1", "attachments": []})
    for name, body, event_type in [
        ("message-phone-sent", sent, "message.phone.sent"),
        ("message-phone-delivered", delivered, "message.phone.delivered"),
        ("message-send-failed", failed, "message.send.failed"),
        ("message-send-expired", expired, "message.send.expired"),
        ("message-call-missed", missed, "message.call.missed"),
        ("phone-heartbeat-offline", offline, "phone.heartbeat.offline"),
        ("phone-heartbeat-online", online, "phone.heartbeat.online"),
        ("unknown-event-type", unknown, "phone.heartbeat.missed"),
        ("message-phone-received-non-ascii-text", utf, "message.phone.received"),
    ]:
        f.add(name, src46, HS_KEY, hdr(tok, event_type), body, opts, ok(httpsms_normalize(body)),
              sign_matches=True)
    fe = httpsms_normalize(failed)
    assert fe["type"] == "message.failed" and fe["error"] == {
        "code": None, "message": "RESULT_ERROR_GENERIC_FAILURE"}
    assert httpsms_normalize(missed)["text"] is None
    assert httpsms_normalize(unknown)["type"] == "unknown"

    ev_rx = ok(httpsms_normalize(rx))
    f.add("no-audience-or-subject-options", GEN + "; no aud/sub configured: not checked", HS_KEY,
          hdr(tok, "message.phone.received"), rx, {"now": HS_NOW}, ev_rx)
    f.add("x-event-type-disagrees-body-wins", GEN + "; X-Event-Type says sent, the body says "
          "received", HS_KEY, hdr(tok, "message.phone.sent"), rx, opts, ev_rx)
    f.add("no-x-event-type-header", GEN + "; the body type is used; detect needs x-event-type",
          HS_KEY, {"Authorization": "Bearer " + tok}, rx, opts, ev_rx, detect_=None)
    f.add("bearer-scheme-lowercase", GEN + "; the scheme name is case-insensitive", HS_KEY,
          hdr(tok, "message.phone.received", "bearer "), rx, opts, ev_rx)
    f.add("bearer-scheme-uppercase", GEN, HS_KEY, hdr(tok, "message.phone.received", "BEARER "),
          rx, opts, ev_rx)
    f.add("header-names-odd-case", GEN, HS_KEY, {"aUTHORIZATION": "Bearer " + tok,
                                                 "x-EVENT-type": "message.phone.received"},
          rx, opts, ev_rx)
    f.add("header-value-surrounding-whitespace", GEN + "; header values are trimmed", HS_KEY,
          {"Authorization": "  Bearer " + tok + " ", "X-Event-Type": "message.phone.received"},
          rx, opts, ev_rx)
    f.add("rotation-right-secret-second", GEN, [HS_OTHER, HS_KEY],
          hdr(tok, "message.phone.received"), rx, opts, ev_rx)
    f.add("jwt-without-typ", GEN + "; typ is optional (checked only when present)", HS_KEY,
          hdr(jwt(jwt_claims(HS_IAT), header_json='{"alg":"HS256"}'), "message.phone.received"),
          rx, opts, ev_rx)
    f.add("aud-plain-string", GEN + "; aud as a plain string (legacy golang-jwt v3)", HS_KEY,
          hdr(jwt(jwt_claims(HS_IAT, aud=HS_AUD)), "message.phone.received"), rx, opts, ev_rx)
    f.add("aud-array-containing-audience", GEN + "; aud array with the audience second", HS_KEY,
          hdr(jwt(jwt_claims(HS_IAT, aud=["https://other.example/hook", HS_AUD])),
              "message.phone.received"), rx, opts, ev_rx)
    flipped = flip_bit(rx, rx.index(b"incoming message") + 15)
    f.add("body-one-byte-flipped-still-verifies", GEN + "; the JWT does not cover the body "
          "(PROVIDERS.md section 4.3), so a changed body still verifies", HS_KEY,
          hdr(tok, "message.phone.received"), flipped, opts, ok(httpsms_normalize(flipped)))
    assert httpsms_normalize(flipped)["text"] == "This is a test incoming messagd"
    f.add("unsigned-allowed", GEN + "; no Authorization, allowUnsigned true", HS_KEY,
          {"X-Event-Type": "message.phone.received"}, rx, dict(opts, allowUnsigned=True), ev_rx,
          detect_=None)

    # Time claims (token iat = HS_IAT, exp = +600, nbf = -600; leeway 60)
    exp = HS_IAT + 600
    for name, now_ms, expect in [
        ("expired-at-exp-plus-leeway", (exp + 60) * 1000, err("token_expired")),
        ("expired-one-second-before-bound-ok", (exp + 59) * 1000, ev_rx),
        ("expired-one-ms-before-bound-ok", (exp + 60) * 1000 - 1, ev_rx),
        ("iat-in-future-beyond-leeway", (HS_IAT - 61) * 1000, err("token_not_yet_valid")),
        ("iat-in-future-at-leeway-ok", (HS_IAT - 60) * 1000, ev_rx),
    ]:
        f.add(name, GEN + "; leeway 60 s", HS_KEY, hdr(tok, "message.phone.received"), rx,
              dict(opts, now=now_ms), expect)
    nbf_tok = jwt(jwt_claims(HS_IAT, nbf=HS_IAT + 120))
    f.add("nbf-in-future-beyond-leeway", GEN + "; nbf = now + 120", HS_KEY,
          hdr(nbf_tok, "message.phone.received"), rx, dict(opts, now=(HS_IAT + 59) * 1000),
          err("token_not_yet_valid"))
    f.add("nbf-in-future-at-leeway-ok", GEN + "; now = nbf - 60 exactly", HS_KEY,
          hdr(nbf_tok, "message.phone.received"), rx, dict(opts, now=(HS_IAT + 60) * 1000), ev_rx)
    f.add("expired-and-wrong-key", GEN + "; the signature is checked before the time claims",
          HS_KEY, hdr(jwt(jwt_claims(HS_IAT), key=HS_OTHER), "message.phone.received"), rx,
          dict(opts, now=(exp + 3600) * 1000), err("signature_mismatch"))

    # Claims
    for name, claims, code in [
        ("wrong-iss", jwt_claims(HS_IAT, iss="api.example.com"), "claim_mismatch"),
        ("wrong-aud", jwt_claims(HS_IAT, aud=["https://attacker.example/hook"]), "claim_mismatch"),
        ("wrong-aud-plain-string", jwt_claims(HS_IAT, aud="https://attacker.example/hook"),
         "claim_mismatch"),
        ("aud-missing-with-audience-option", jwt_claims(HS_IAT, aud=None), "claim_mismatch"),
        ("sub-mismatch", jwt_claims(HS_IAT, sub="SomeOtherUserId0000000000000"),
         "claim_mismatch"),
        ("exp-missing", cjson({"iss": HS_ISS, "sub": HS_SUB, "aud": [HS_AUD],
                               "nbf": HS_IAT - 600, "iat": HS_IAT}), "claim_mismatch"),
    ]:
        f.add(name, GEN + "; correctly signed", HS_KEY, hdr(jwt(claims), "message.phone.received"),
              rx, opts, err(code))

    # Algorithms
    h64, c64, s64 = tok.split(".")
    claims_json = jwt_claims(HS_IAT)
    none_in = b64u(u8('{"alg":"none","typ":"JWT"}')) + "." + c64
    f.add("alg-none-empty-signature", GEN + "; alg none, empty signature segment", HS_KEY,
          hdr(none_in + ".", "message.phone.received"), rx, opts, err("algorithm_not_allowed"))
    f.add("alg-none-with-hs256-signature", GEN + "; alg none, HS256 signature over its own input",
          HS_KEY, hdr(jwt(claims_json, header_json='{"alg":"none","typ":"JWT"}'),
                      "message.phone.received"), rx, opts, err("algorithm_not_allowed"))
    f.add("alg-hs512", GEN + "; alg HS512 signed with HMAC-SHA512 and the same key", HS_KEY,
          hdr(jwt(claims_json, header_json='{"alg":"HS512","typ":"JWT"}', digest=hashlib.sha512),
              "message.phone.received"), rx, opts, err("algorithm_not_allowed"))
    f.add("alg-rs256", GEN + "; alg RS256 with an HMAC-SHA256 signature (the key-confusion "
          "shape)", HS_KEY, hdr(jwt(claims_json, header_json='{"alg":"RS256","typ":"JWT"}'),
                                "message.phone.received"), rx, opts,
          err("algorithm_not_allowed"))
    f.add("alg-hs256-lowercase", GEN + "; alg must be exactly HS256", HS_KEY,
          hdr(jwt(claims_json, header_json='{"alg":"hs256","typ":"JWT"}'),
              "message.phone.received"), rx, opts, err("algorithm_not_allowed"))

    # Token shape
    tampered_claims = b64u(u8(jwt_claims(HS_IAT, exp=HS_IAT + 86400)))
    f.add("tampered-claims-segment", GEN + "; exp extended without re-signing", HS_KEY,
          hdr(h64 + "." + tampered_claims + "." + s64, "message.phone.received"), rx, opts,
          err("signature_mismatch"))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    s_first = alphabet[(alphabet.index(s64[0]) + 1) % 64]
    f.add("tampered-signature-segment", GEN + "; first signature character changed", HS_KEY,
          hdr(h64 + "." + c64 + "." + s_first + s64[1:], "message.phone.received"), rx, opts,
          err("signature_mismatch"))
    f.add("wrong-key", GEN, HS_KEY, hdr(jwt(claims_json, key=HS_OTHER), "message.phone.received"),
          rx, opts, err("signature_mismatch"))
    f.add("rotation-both-wrong", GEN, [HS_OTHER, "another-wrong-key"],
          hdr(tok, "message.phone.received"), rx, opts, err("signature_mismatch"))
    short_sig = b64u(hmac.new(u8(HS_KEY), u8(h64 + "." + c64), hashlib.sha256).digest()[:31])
    f.add("signature-segment-31-bytes", GEN + "; canonical base64url of the wrong length",
          HS_KEY, hdr(h64 + "." + c64 + "." + short_sig, "message.phone.received"), rx, opts,
          err("signature_mismatch"))
    f.add("signature-segment-not-base64url", GEN + "; characters outside base64url", HS_KEY,
          hdr(h64 + "." + c64 + "." + s64[:-3] + "*!$", "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("signature-segment-standard-base64-chars", GEN + "; '+' and '/' are not base64url",
          HS_KEY, hdr(h64 + "." + c64 + "." + "+/" + s64[2:], "message.phone.received"), rx,
          opts, err("malformed_signature"))
    f.add("signature-segment-impossible-length", GEN + "; 41 characters (length mod 4 == 1)",
          HS_KEY, hdr(h64 + "." + c64 + "." + s64[:41], "message.phone.received"), rx, opts,
          err("malformed_signature"))
    last = alphabet.index(s64[-1])
    assert last % 4 == 0
    noncanon = s64[:-1] + alphabet[last | 1]
    f.add("signature-segment-non-canonical-trailing-bits", GEN + "; the last character carries "
          "non-zero unused bits (decodes to the same bytes with a lenient decoder)", HS_KEY,
          hdr(h64 + "." + c64 + "." + noncanon, "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("four-segments", GEN, HS_KEY, hdr(tok + ".e30", "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("two-segments", GEN, HS_KEY, hdr(h64 + "." + c64, "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("padded-signature-segment", GEN + "; base64 '=' padding is not canonical base64url",
          HS_KEY, hdr(tok + "=", "message.phone.received"), rx, opts, err("malformed_signature"))
    hdr_not_json = b64u(b"not json")
    f.add("header-segment-not-json", GEN + "; correctly signed over a non-JSON header", HS_KEY,
          hdr(jwt(claims_json, header_json="not json"), "message.phone.received"), rx, opts,
          err("malformed_signature"))
    assert hdr_not_json in jwt(claims_json, header_json="not json")
    f.add("claims-segment-not-json", GEN + "; correctly signed over a non-JSON claims segment",
          HS_KEY, hdr(jwt("[not json"), "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("typ-null", GEN + "; typ present as null is not an absent typ", HS_KEY,
          hdr(jwt(claims_json, header_json='{"alg":"HS256","typ":null}'),
              "message.phone.received"), rx, opts, err("malformed_signature"))
    f.add("typ-jws", GEN + "; typ present and not JWT", HS_KEY,
          hdr(jwt(claims_json, header_json='{"alg":"HS256","typ":"JWS"}'),
              "message.phone.received"), rx, opts, err("malformed_signature"))
    big = jwt(jwt_claims(HS_IAT, pad="x" * 9000))
    assert len(big) > 8192
    f.add("oversize-token", GEN + "; a correctly signed token over 8 KiB (a 9000-character "
          "claim)", HS_KEY, hdr(big, "message.phone.received"), rx, opts,
          err("malformed_signature"))
    f.add("basic-scheme", GEN, HS_KEY, {"Authorization": "Basic dXNlcjpwYXNz",
                                        "X-Event-Type": "message.phone.received"}, rx, opts,
          err("malformed_signature"))
    f.add("bearer-without-token", GEN, HS_KEY, {"Authorization": "Bearer",
                                                "X-Event-Type": "message.phone.received"}, rx,
          opts, err("malformed_signature"))
    f.add("bearer-space-only", GEN + "; 'Bearer ' trims to 'Bearer'", HS_KEY,
          {"Authorization": "Bearer   ", "X-Event-Type": "message.phone.received"}, rx, opts,
          err("malformed_signature"))
    f.add("token-without-scheme", GEN + "; the bare JWT without 'Bearer '", HS_KEY,
          {"Authorization": tok, "X-Event-Type": "message.phone.received"}, rx, opts,
          err("malformed_signature"))
    f.add("authorization-empty", GEN, HS_KEY, {"Authorization": "",
                                               "X-Event-Type": "message.phone.received"}, rx,
          opts, err("malformed_signature"))
    f.add("missing-authorization", GEN, HS_KEY, {"X-Event-Type": "message.phone.received"}, rx,
          opts, err("missing_signature"))
    f.add("missing-authorization-allow-unsigned-false", GEN + "; allowUnsigned false explicitly",
          HS_KEY, {"X-Event-Type": "message.phone.received"}, rx, dict(opts, allowUnsigned=False),
          err("missing_signature"))

    # Body
    f.add("body-too-large", GEN + "; valid token, maxBodyBytes 64", HS_KEY,
          hdr(tok, "message.phone.received"), rx, dict(opts, maxBodyBytes=64),
          err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"specversion":"1.0","id":"x","type":"message.phone.received",'
         b'"data":{"content":"caf\xe9"}}', "Latin-1 byte, not UTF-8"),
        ("empty-object-body", b"{}", "{}"),
        ("bom-prefixed-body", BOM + rx, "UTF-8 BOM before a valid CloudEvent"),
    ]:
        f.add(name, GEN + "; valid token, " + why, HS_KEY, hdr(tok, "message.phone.received"), b,
              opts, err("malformed_payload"))
    bare = u8(cjson({"specversion": "1.0", "id": "0d9a52c4-7c1e-4bb4-9a55-3e0f5a1b2c3d",
                     "source": "/v1/messages/send", "type": "message.send.failed",
                     "time": "2026-01-01T00:00:06Z"}))
    f.add("failed-without-data", GEN + "; a failed event without data still has an error object",
          HS_KEY, hdr(tok, "message.send.failed"), bare, opts, ok(httpsms_normalize(bare)))
    f.add("empty-secret", GEN, "", hdr(tok, "message.phone.received"), rx, opts,
          err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], hdr(tok, "message.phone.received"), rx, opts,
          err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# textus
# ---------------------------------------------------------------------------------------------

TU_SECRET = "textus-abcdefgh12345678"  # PROVIDERS.md 7D
TU_OTHER = "textus-HOTh4kXxHIbYst0xutpkdw"
TU_NOW = 1767225600000
TU_7D_BODY = ('{"@type":"WebhookDelivery","@context":"/contexts/WebhookDelivery.jsonld","id":'
              '"/integrations/h13Jc5/deliveries/xyz","timestamp":"2018-07-24T20:59:32.156Z",'
              '"action":"message.received","webHook":"/integrations/h13Jc5"}')
TU_7D_SIG = "c2ba60f5335a8929675fdd77dfa90753b1adef3fb8d3068b71894d4a964fe7ef"
assert hmac_hex(u8(TU_SECRET), u8(TU_7D_BODY)) == TU_7D_SIG

TU_TYPES = {"message.received": "message.received", "message.delivered": "message.delivered",
            "message.failed": "message.failed", "message.unknown": "message.status",
            "phone_call.completed": "call.completed", "contact.opted_in": "contact.opted_in",
            "contact.opted_out": "contact.opted_out", "contact.created": "contact.created"}


def textus_normalize(body):
    obj = json.loads(body)
    name = obj["action"]
    t = TU_TYPES.get(name, "unknown")
    msg = obj.get("message") if isinstance(obj.get("message"), dict) else None
    conv = obj.get("conversation") if isinstance(obj.get("conversation"), dict) else {}
    mid = text = frm = to = error = None
    if msg is not None:
        mid, text = msg.get("id"), msg.get("body")
        direction = msg.get("direction")
        if direction in ("in", "incoming"):
            frm, to = conv.get("phoneNumber"), conv.get("accountPhoneNumber")
        elif direction in ("out", "outgoing"):
            frm, to = conv.get("accountPhoneNumber"), conv.get("phoneNumber")
    if t == "message.failed":
        error = {"code": None,
                 "message": opt_str(msg.get("friendlyStateDescription")) if msg else None}
    id_ = obj.get("id") if isinstance(obj.get("id"), str) and obj.get("id") else sha256_hex(body)
    return event("textus", t, name, id_, opt_time_iso(obj.get("timestamp")), opt_str(mid),
                 opt_str(frm), opt_str(to), opt_str(text), error)


def textus_sign(secret, body, options, headers, args=None):
    return {"X-TextUs-Signature": hmac_hex(u8(secret), body)}


def tu_conversation():
    return {"@type": "Conversation", "id": "/conversations/JYnJBY",
            "@context": "/contexts/Conversation.jsonld", "slug": "JYnJBY", "currentState": "open",
            "account": "/accounts/my_account", "phoneNumber": "+13035551234",
            "formattedPhoneNumber": "(303) 555-1234", "accountPhoneNumber": "+13035551000"}


def tu_message(mid, direction, body, state, friendly, sender, ts):
    return {"@type": "Message", "id": mid, "@context": "/contexts/Message.jsonld",
            "direction": direction, "body": body, "formattedBody": "<div>%s</div>" % body,
            "deliveryState": state, "displayTimestamp": ts, "timelinePosition": ts,
            "conversation": "/conversations/JYnJBY", "sender": sender,
            "attachments": {"@context": "/contexts/hydra:Collection.jsonld",
                            "@type": "hydra:Collection", "id": mid + "/attachments",
                            "members": [], "totalItems": 0},
            "friendlyStateDescription": friendly, "retryAllowed": False, "retry": None,
            "latestEventAt": ts, "flags": [], "source": "textus"}


def tu_delivery(delivery, ts, action, **rest):
    d = {"@type": "WebhookDelivery", "@context": "/contexts/WebhookDelivery.jsonld",
         "id": "/integrations/h13Jc5/deliveries/" + delivery, "timestamp": ts, "action": action,
         "webHook": "/integrations/h13Jc5"}
    d.update(rest)
    return u8(cjson(d))


def build_textus():
    f = File("textus", "PROVIDERS.md section 5 (apidocs.next.textus.com, docs only) and section "
             "7 D; signatures by generate.py (Python hmac)", textus_sign, {"X-TextUs-Signature"})
    now = {"now": TU_NOW}

    def sig(body, secret=TU_SECRET):
        return hmac_hex(u8(secret), body)

    def signed(name, source, body, options=None, expect=None, **kw):
        ev = expect if expect is not None else ok(textus_normalize(body))
        return f.add(name, source, TU_SECRET, {"X-TextUs-Signature": sig(body)}, body,
                     options or now, ev, **kw)

    b7 = u8(TU_7D_BODY)
    c = signed("7d-received-verbatim", "PROVIDERS.md section 7 D (Node crypto, cross-checked "
               "with Python); no conversation or message, so from/to are null", b7,
               sign_matches=True)
    assert c["expect"]["event"] == event(
        "textus", "message.received", "message.received", "/integrations/h13Jc5/deliveries/xyz",
        "2018-07-24T20:59:32.156Z", None, None, None, None, None)
    src54 = GEN + " over the PROVIDERS.md section 5.4 example shape"
    conv = tu_conversation()
    rx = tu_delivery("xyz", "2018-07-24T20:59:32.156Z", "message.received", conversation=conv,
                     message=tu_message("/messages/06oyogE", "in",
                                        "He once made a weeping willow laugh", "received",
                                        "Inbound Message Received", None,
                                        "2018-07-24T20:59:32.156Z"))
    c = signed("message-received", src54, rx)
    assert c["expect"]["event"]["from"] == "+13035551234"
    dl = tu_delivery("d1", "2023-11-17T13:59:04.568354-05:00", "message.delivered",
                     conversation=conv,
                     message=tu_message("/messages/QNDkpL", "out", "Your table is ready",
                                        "delivered", "Delivered", "/users/1234",
                                        "2023-11-17T13:59:03.100000-05:00"))
    c = signed("message-delivered-direction-out-offset-6-digit-time", src54 + "; timestamp "
               "with an offset and 6 fractional digits", dl)
    assert c["expect"]["event"]["occurredAt"] == "2023-11-17T18:59:04.568Z"
    assert c["expect"]["event"]["from"] == "+13035551000"
    fl = tu_delivery("f1", "2023-11-17T14:00:00.000Z", "message.failed", conversation=conv,
                     message=tu_message("/messages/QNDkpM", "out", "Reminder", "failed",
                                        "Message failed: carrier rejected", "/users/1234",
                                        "2023-11-17T14:00:00.000Z"))
    c = signed("message-failed", src54, fl)
    assert c["expect"]["event"]["error"] == {"code": None,
                                             "message": "Message failed: carrier rejected"}
    un = tu_delivery("u1", "2023-11-17T14:01:00Z", "message.unknown", conversation=conv,
                     message=tu_message("/messages/QNDkpN", "outgoing", "Status?", "unknown",
                                        "Unknown", "/users/1234", "2023-11-17T14:01:00Z"))
    c = signed("message-unknown-direction-outgoing", src54 + "; direction 'outgoing' (the "
               "types page spelling)", un)
    assert c["expect"]["event"]["type"] == "message.status"
    inc = tu_delivery("i1", "2023-11-17T14:02:00Z", "message.received", conversation=conv,
                      message=tu_message("/messages/QNDkpO", "incoming", NON_ASCII_TEXT,
                                         "received", "Inbound Message Received", None,
                                         "2023-11-17T14:02:00Z"))
    signed("message-received-incoming-non-ascii-text", src54 + "; direction 'incoming'; emoji, "
           "accents, CJK as raw UTF-8", inc)
    pc = tu_delivery("p1", "2023-11-17T14:03:00.250Z", "phone_call.completed", conversation=conv,
                     phoneCall={"@type": "PhoneCall", "id": "/phone_calls/abc123",
                                "duration": 42, "direction": "in"})
    signed("phone-call-completed", GEN + " over an inferred shape (PROVIDERS.md section 5.4: no "
           "public example); no message, so from/to are null", pc)
    oo = u8('{"@type":"OptOutWebhookDelivery","@context":"/contexts/OptOutWebhookDelivery.jsonld",'
            '"id":"/integrations/KYxmBL/deliveries/f8db6d71-04bd-47cb-9983-d6fd2015ce3b","action":'
            '"contact.opted_out","timestamp":"2021-07-27T18:48:16.878086+00:00","optOut":{"@type":'
            '"OptOut","id":"/textus/opt_outs/50711","type":"opt-out","phoneNumber":"+13035551234",'
            '"formattedPhoneNumber":"(303) 555-1234","account":"/accounts/textus"}}')
    c = signed("contact-opted-out", GEN + " over the PROVIDERS.md section 5.4 opt-out example",
               oo)
    assert c["expect"]["event"]["occurredAt"] == "2021-07-27T18:48:16.878Z"
    oi = oo.replace(b"contact.opted_out", b"contact.opted_in").replace(
        b'"opt-out"', b'"opt-in"').replace(b"f8db6d71-04bd", b"a1b2c3d4-04bd")
    signed("contact-opted-in", GEN + " over the inferred opt-in variant of the section 5.4 "
           "example", oi)
    cc = tu_delivery("c1", "2023-11-17T14:04:00Z", "contact.created",
                     contact={"@type": "Contact", "id": "/contacts/Zx81", "name": "Zoë Müller",
                              "phoneNumber": "+13035551234"})
    signed("contact-created", GEN + " over an inferred shape (no public example)", cc)
    uk = tu_delivery("k1", "2023-11-17T14:05:00Z", "message.scheduled", conversation=conv)
    c = signed("unknown-action", GEN + "; an action outside the 8 documented", uk)
    assert c["expect"]["event"]["type"] == "unknown"

    # maxAgeSeconds (body timestamp T = 2026-01-01T00:00:00.000Z)
    T = 1767225600000
    fresh = tu_delivery("m1", "2026-01-01T00:00:00.000Z", "message.received", conversation=conv,
                        message=tu_message("/messages/QNDkpP", "in", "Fresh", "received",
                                           "Inbound Message Received", None,
                                           "2026-01-01T00:00:00.000Z"))
    for name, now_ms, max_age, expect in [
        ("max-age-at-bound-accepted", T + 60000, 60, None),
        ("max-age-exceeded-by-1-second", T + 61000, 60, err("timestamp_out_of_tolerance")),
        ("max-age-exceeded-by-1-ms", T + 60001, 60, err("timestamp_out_of_tolerance")),
        ("no-max-age-old-delivery-accepted", T + 12 * 3600 * 1000, None, None),
    ]:
        o = {"now": now_ms}
        if max_age is not None:
            o["maxAgeSeconds"] = max_age
        signed(name, GEN + "; maxAgeSeconds is an inclusive bound on now - body timestamp",
               fresh, options=o, expect=expect)
    off = tu_delivery("m2", "2025-12-31T19:00:00.000000-05:00", "message.received",
                      conversation=conv)
    signed("max-age-with-offset-timestamp-accepted", GEN + "; the offset is applied before the "
           "age is computed", off, options={"now": T + 60000, "maxAgeSeconds": 60})
    f.add("max-age-wrong-secret", GEN + "; the signature is checked before the age", TU_SECRET,
          {"X-TextUs-Signature": sig(fresh, TU_OTHER)}, fresh,
          {"now": T + 3600000, "maxAgeSeconds": 60}, err("signature_mismatch"))

    body = rx
    good = sig(body)
    h = lambda v: {"X-TextUs-Signature": v}  # noqa: E731
    ev = ok(textus_normalize(body))
    f.add("uppercase-hex", GEN + "; hex is decoded case-insensitively", TU_SECRET,
          h(good.upper()), body, now, ev)
    f.add("header-name-odd-case", GEN, TU_SECRET, {"x-textus-SIGNATURE": good}, body, now, ev)
    f.add("header-value-surrounding-whitespace", GEN, TU_SECRET, h("\t" + good + " "), body, now,
          ev)
    f.add("rotation-right-secret-second", GEN, [TU_OTHER, TU_SECRET], h(good), body, now, ev)
    f.add("rotation-both-wrong", GEN, [TU_OTHER, "textus-zzzzzzzz00000000"], h(good), body, now,
          err("signature_mismatch"))
    f.add("wrong-secret", GEN, TU_OTHER, h(good), body, now, err("signature_mismatch"))
    f.add("secret-without-textus-prefix", GEN + "; the whole 'textus-…' string is the key",
          "abcdefgh12345678", h(good), body, now, err("signature_mismatch"))
    idx = body.index(b"willow")
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", TU_SECRET,
          h(good), flip_bit(body, idx), now, err("signature_mismatch"))
    f.add("missing-signature-header", GEN, TU_SECRET, {}, body, now, err("missing_signature"))
    f.add("signature-not-hex", GEN, TU_SECRET, h("g" + good[1:]), body, now,
          err("malformed_signature"))
    f.add("signature-wrong-length-62-hex", GEN, TU_SECRET, h(good[:62]), body, now,
          err("signature_mismatch"))
    f.add("signature-odd-length-hex", GEN, TU_SECRET, h(good[:63]), body, now,
          err("malformed_signature"))
    f.add("signature-empty", GEN, TU_SECRET, h(""), body, now, err("malformed_signature"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", TU_SECRET, h(good), body,
          {"now": TU_NOW, "maxBodyBytes": 64}, err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"id":"/integrations/h13Jc5/deliveries/n","action":'
         b'"message.received","message":{"body":"caf\xe9"}}', "Latin-1 byte, not UTF-8"),
        ("empty-object-body", b"{}", "{}"),
        ("bom-prefixed-body", BOM + b7, "UTF-8 BOM before a valid payload"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, TU_SECRET, h(sig(b)), b, now,
              err("malformed_payload"))
    bare = u8(cjson({"@type": "WebhookDelivery", "id": "/integrations/h13Jc5/deliveries/f0",
                     "timestamp": "2018-07-24T20:59:32.156Z", "action": "message.failed"}))
    f.add("failed-without-message", GEN + "; a failed delivery without a message still has an "
          "error object", TU_SECRET, h(sig(bare)), bare, now, ok(textus_normalize(bare)))
    f.add("empty-secret", GEN, "", h(good), body, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], h(good), body, now, err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# standard (Standard Webhooks)
# ---------------------------------------------------------------------------------------------

SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # the standard-webhooks test secret
SW_OTHER = "whsec_" + b64(hashlib.sha256(b"smshook other standard secret").digest())
SW_TS = 1767225600
SW_NOW = SW_TS * 1000
SW_ID = "msg_2mVq6b7c8d9e0f1a2b3c4d5e6f"
SMSHOOK_PROVIDERS = ("textbee", "messages-dev", "zuc", "httpsms", "textus", "standard")
SMSHOOK_TYPES = ("message.received", "message.sent", "message.delivered", "message.failed",
                 "message.expired", "message.status", "reaction.added", "reaction.removed",
                 "typing.started", "typing.stopped", "receipt.read", "call.missed",
                 "call.completed", "phone.online", "phone.offline", "contact.opted_in",
                 "contact.opted_out", "contact.created", "unknown")
EVENT_KEYS = ("provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to",
              "text", "error", "data")


def sw_key(secret):
    s = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    return base64.b64decode(s)


def sw_sig(secret, msg_id, ts, body):
    return "v1," + b64(hmac.new(sw_key(secret), u8("%s.%s." % (msg_id, ts)) + body,
                                hashlib.sha256).digest())


def is_smshook_event(obj):
    return (isinstance(obj, dict) and all(k in obj for k in EVENT_KEYS)
            and obj["provider"] in SMSHOOK_PROVIDERS and obj["type"] in SMSHOOK_TYPES
            and isinstance(obj["providerEvent"], str) and isinstance(obj["id"], str)
            and obj["id"] != ""
            and isinstance(obj["data"], dict))


def standard_normalize(body, headers):
    obj = json.loads(body)
    assert isinstance(obj, dict)
    if is_smshook_event(obj):
        return obj
    h = lower_headers(headers)
    return event("standard", "unknown", obj["type"] if isinstance(obj.get("type"), str) else "",
                 h["webhook-id"], ms_to_rfc3339(int(h["webhook-timestamp"]) * 1000))


def standard_sign(secret, body, options, headers, args=None):
    msg_id = headers.get("webhook-id")
    if msg_id is None:
        return None
    ts = str(options["now"] // 1000)
    return {"webhook-id": msg_id, "webhook-timestamp": ts,
            "webhook-signature": sw_sig(secret, msg_id, ts, body)}


def build_standard():
    f = File("standard", "Standard Webhooks spec (SPEC.md section 1); signatures by generate.py "
             "(Python hmac over '<id>.<timestamp>.<body>', key = base64-decoded whsec_ secret)",
             standard_sign, {"webhook-id", "webhook-timestamp", "webhook-signature"})
    now = {"now": SW_NOW}

    def hdrs(body, msg_id=SW_ID, ts=SW_TS, secret=SW_SECRET):
        return {"webhook-id": msg_id, "webhook-timestamp": str(ts),
                "webhook-signature": sw_sig(secret, msg_id, ts, body)}

    def signed(name, source, body, msg_id=SW_ID, ts=SW_TS, options=None, expect=None, **kw):
        h = hdrs(body, msg_id, ts)
        ev = expect if expect is not None else ok(standard_normalize(body, h))
        return f.add(name, source, SW_SECRET, h, body, options or {"now": ts * 1000}, ev, **kw)

    # The standard-webhooks reference test vector (its libraries' shared constants).
    ref_body = b'{"test": 2432232314}'
    ref = hdrs(ref_body, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330)
    assert ref["webhook-signature"] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    signed("standard-webhooks-reference-vector", "standard-webhooks libraries' test constants "
           "(msg_p5jXN8AQM9LWM0D4loKWxJek, 1614265330), recomputed by generate.py", ref_body,
           "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, sign_matches=True)

    # A smshook event (what the Worker forwards): the textbee 7A event, with data.
    tb = textbee_normalize(u8(TB_7A_BODY))
    tb["data"] = json.loads(TB_7A_BODY)
    tb_body = u8(cjson(tb))
    c = signed("smshook-event-textbee", GEN + "; body = the normalized event of PROVIDERS.md 7 A "
               "(event mode of the Worker); the event comes back unchanged", tb_body,
               msg_id=tb["id"], expect=ok(tb), sign_matches=True)
    assert list(c["expect"]["event"]) == list(EVENT_KEYS)
    hs_failed = None
    for cc in BUILT["httpsms"].cases:
        if cc["name"] == "message-send-failed":
            hs_failed = httpsms_normalize(u8(cc["body"]))
            hs_failed["data"] = json.loads(cc["body"])
    hs_body = u8(cjson(hs_failed))
    signed("smshook-event-httpsms-failed", GEN + "; body = the normalized httpsms "
           "message.send.failed event (error object set)", hs_body, msg_id=hs_failed["id"],
           expect=ok(hs_failed), sign_matches=True)
    utf_ev = textbee_normalize([u8(x["body"]) for x in BUILT["textbee"].cases
                                if x["name"] == "received-non-ascii-text"][0])
    utf_ev["data"] = json.loads([x["body"] for x in BUILT["textbee"].cases
                                 if x["name"] == "received-non-ascii-text"][0])
    signed("smshook-event-non-ascii-text", GEN + "; a smshook event whose text has emoji, "
           "accents, CJK", u8(cjson(utf_ev)), msg_id=utf_ev["id"], expect=ok(utf_ev),
           sign_matches=True)

    inv = u8(cjson({"type": "invoice.paid", "timestamp": "2026-01-01T00:00:00Z",
                    "data": {"invoice": "in_123", "amount": 4200, "currency": "EUR"}}))
    c = signed("non-smshook-body-unknown", GEN + "; any other JSON object: type unknown, "
               "providerEvent = body type", inv, sign_matches=True)
    assert c["expect"]["event"] == event("standard", "unknown", "invoice.paid", SW_ID,
                                         "2026-01-01T00:00:00.000Z")
    near = dict(tb)
    near["type"] = "message.bogus"
    near_body = u8(cjson(near))
    c = signed("smshook-like-body-with-unknown-type-is-not-an-event", GEN + "; a type outside "
               "SPEC section 2 makes it an ordinary body", near_body, sign_matches=True)
    assert c["expect"]["event"]["providerEvent"] == "message.bogus"
    near2 = dict(tb)
    near2["provider"] = "TextBee"
    c = signed("smshook-like-body-with-unknown-provider-is-not-an-event", GEN + "; provider "
               "'TextBee' is not a provider id", u8(cjson(near2)), sign_matches=True)
    assert c["expect"]["event"]["providerEvent"] == "message.received"
    near4 = dict(tb, id="")
    c = signed("smshook-like-body-with-empty-id-is-not-an-event", GEN + "; smshook never makes "
               "an empty id, so the body is an ordinary one and webhook-id is the id",
               u8(cjson(near4)), sign_matches=True)
    assert c["expect"]["event"]["id"] == SW_ID and c["expect"]["event"]["type"] == "unknown"
    near3 = {k: v for k, v in tb.items() if k != "data"}
    signed("smshook-like-body-without-data-is-not-an-event", GEN + "; no data object",
           u8(cjson(near3)), sign_matches=True)
    c = signed("body-type-not-a-string", GEN + "; providerEvent is '' when type is not a string",
               b'{"type":5,"data":{}}', sign_matches=True)
    assert c["expect"]["event"]["providerEvent"] == ""
    c = signed("empty-object-body-is-an-ordinary-body", GEN + "; '{}' is a JSON object, so for "
               "standard it is valid (SPEC section 1: only the five SMS providers refuse {})",
               b"{}", sign_matches=True)
    assert c["expect"]["event"]["providerEvent"] == ""

    body = inv
    good = hdrs(body)
    ev = ok(standard_normalize(body, good))
    wrong = sw_sig(SW_OTHER, SW_ID, SW_TS, body)
    f.add("multiple-signatures-valid-second", GEN + "; space-separated entries, any v1 matching",
          SW_SECRET, dict(good, **{"webhook-signature": wrong + " " + good["webhook-signature"]}),
          body, now, ev)
    f.add("multiple-signatures-unknown-version-first", GEN + "; non-v1 entries are ignored when "
          "a v1 entry matches", SW_SECRET,
          dict(good, **{"webhook-signature": "v2," + good["webhook-signature"][3:] + " " +
                        good["webhook-signature"]}), body, now, ev)
    many = " ".join([wrong] * 40 + ["v1,AA=="] * 40 + [good["webhook-signature"]])
    f.add("many-wrong-entries-then-the-right-one", GEN + "; 80 wrong entries (32-byte and "
          "1-byte) before the right one", SW_SECRET, dict(good, **{"webhook-signature": many}),
          body, now, ev)
    f.add("many-wrong-entries-only", GEN + "; 80 wrong entries (32-byte and 1-byte)", SW_SECRET,
          dict(good, **{"webhook-signature": " ".join([wrong] * 40 + ["v1,AA=="] * 40)}),
          body, now, err("signature_mismatch"))
    f.add("only-non-v1-entries", GEN + "; 'v2,<the right base64>' only", SW_SECRET,
          dict(good, **{"webhook-signature": "v2," + good["webhook-signature"][3:]}), body, now,
          err("malformed_signature"))
    f.add("multiple-signatures-all-wrong", GEN, SW_SECRET,
          dict(good, **{"webhook-signature": wrong + " " + sw_sig(SW_OTHER, "x", SW_TS, body)}),
          body, now, err("signature_mismatch"))
    for missing in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        h = dict(good)
        del h[missing]
        f.add("missing-" + missing, GEN, SW_SECRET, h, body, now, err("missing_signature"))
    for name, now_ms, expect in [
        ("stale-by-301-s", (SW_TS + 301) * 1000, err("timestamp_out_of_tolerance")),
        ("old-by-exactly-300-s", (SW_TS + 300) * 1000, ev),
        ("future-by-exactly-300-s", (SW_TS - 300) * 1000, ev),
        ("future-by-301-s", (SW_TS - 301) * 1000, err("timestamp_out_of_tolerance")),
    ]:
        f.add(name, GEN + "; tolerance 300 s, inclusive", SW_SECRET, good, body,
              {"now": now_ms}, expect)
    f.add("tolerance-option-10s-exceeded", GEN + "; toleranceSeconds 10", SW_SECRET, good, body,
          {"now": (SW_TS + 11) * 1000, "toleranceSeconds": 10}, err("timestamp_out_of_tolerance"))
    f.add("stale-and-wrong-secret", GEN + "; the signature is checked before the timestamp",
          SW_SECRET, hdrs(body, secret=SW_OTHER), body, {"now": (SW_TS + 3600) * 1000},
          err("signature_mismatch"))
    ts_bad = {"webhook-id": SW_ID, "webhook-timestamp": "yesterday",
              "webhook-signature": "v1," + b64(hmac.new(sw_key(SW_SECRET), u8(SW_ID +
                                                        ".yesterday.") + body,
                                                        hashlib.sha256).digest())}
    f.add("timestamp-not-numeric", GEN + "; signed over '<id>.yesterday.<body>'", SW_SECRET,
          ts_bad, body, now, err("malformed_signature"))
    f.add("json-array-body", GEN + "; correctly signed '[1,2]'", SW_SECRET, hdrs(b"[1,2]"),
          b"[1,2]", now, err("malformed_payload"))

    sigval = good["webhook-signature"]
    f.add("secret-without-whsec-prefix", GEN + "; the base64 secret without 'whsec_' decodes to "
          "the same key", SW_SECRET[len("whsec_"):], good, body, now, ev, no_sign=True)
    f.add("header-names-odd-case", GEN, SW_SECRET, {"Webhook-Id": SW_ID,
                                                    "WEBHOOK-TIMESTAMP": str(SW_TS),
                                                    "webhook-SIGNATURE": sigval}, body, now, ev)
    f.add("header-values-surrounding-whitespace", GEN, SW_SECRET,
          {"webhook-id": SW_ID, "webhook-timestamp": " %d " % SW_TS,
           "webhook-signature": "  " + sigval + " "}, body, now, ev)
    f.add("rotation-right-secret-second", GEN, [SW_OTHER, SW_SECRET], good, body, now, ev)
    f.add("rotation-both-wrong", GEN, [SW_OTHER, "whsec_" + b64(b"\x01" * 24)], good, body, now,
          err("signature_mismatch"))
    f.add("wrong-secret", GEN, SW_OTHER, good, body, now, err("signature_mismatch"))
    idx = body.index(b"in_123") + 5
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", SW_SECRET, good,
          flip_bit(body, idx), now, err("signature_mismatch"))
    f.add("signed-with-another-webhook-id", GEN + "; the id is part of the signed content",
          SW_SECRET, dict(good, **{"webhook-id": "msg_other"}), body, now,
          err("signature_mismatch"))
    raw = base64.b64decode(sigval[3:])
    f.add("signature-not-base64", GEN + "; characters outside base64", SW_SECRET,
          dict(good, **{"webhook-signature": "v1," + sigval[3:-4] + "*!?="}), body, now,
          err("malformed_signature"))
    f.add("signature-wrong-length-31-bytes", GEN + "; valid base64 of 31 bytes", SW_SECRET,
          dict(good, **{"webhook-signature": "v1," + b64(raw[:31])}), body, now,
          err("signature_mismatch"))
    f.add("signature-base64-impossible-length", GEN + "; 45 base64 characters (length mod 4 == "
          "1)", SW_SECRET, dict(good, **{"webhook-signature": "v1," + sigval[3:46] + "AA"}), body,
          now, err("malformed_signature"))
    f.add("signature-empty", GEN, SW_SECRET, dict(good, **{"webhook-signature": ""}), body, now,
          err("malformed_signature"))
    f.add("signature-v1-prefix-only", GEN + "; 'v1,' with nothing after it", SW_SECRET,
          dict(good, **{"webhook-signature": "v1,"}), body, now, err("malformed_signature"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", SW_SECRET, good, body,
          {"now": SW_NOW, "maxBodyBytes": 64}, err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("non-utf8-body", b'{"type":"invoice.paid","data":{"note":"caf\xe9"}}',
         "Latin-1 byte, not UTF-8"),
        ("bom-prefixed-body", BOM + body, "UTF-8 BOM before a JSON object"),
        ("json-string-body", b'"hello"', "a JSON string"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, SW_SECRET, hdrs(b), b, now,
              err("malformed_payload"))
    f.add("webhook-id-empty", GEN + "; an empty webhook-id identifies nothing (signed over it)",
          SW_SECRET, hdrs(body, msg_id=""), body, now, err("malformed_signature"))
    f.add("empty-secret", GEN, "", good, body, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], good, body, now, err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# SPEC section 7 providers. Where SPEC.md is silent these vectors choose, following the
# provider's own SDK where it has an opinion (PROVIDERS-FIELD.md names the sources):
# - Times: header seconds × 1000 against now (ms), two-sided and inclusive; no case has a
#   sub-second now at a bound. Timestamp headers are ASCII digits only ("1767225600.0" is
#   malformed_signature).
# - Forms: raw ASCII control bytes (0x00-0x1F, 0x7F) are malformed_payload, percent-encoded
#   ones are text (%0A is a newline in an SMS). A pair without '=' is a name with an empty
#   value (WHATWG); only the JSON-object-as-form cases rely on that.
# - Twilio: From and To are fields 7.3 reads, so a form with them but without MessageSid,
#   SmsSid and MessageStatus (the twilio-node known answer's voice-call parameters) is an
#   event of type unknown, providerEvent unknown, id the body hash, not malformed_payload.
#   Names and repeated values sort by UTF-16 code unit (twilio-node; twilio-python sorts by
#   code point: the same for these ASCII names). A repeated name signs name+value for each
#   distinct value (both SDKs). providerEvent of an inbound message is its SmsStatus
#   ("received"), as the table says. A failure without ErrorCode and message has
#   error {code: null, message: null}. sign takes the JSON route when the body is a JSON
#   object (no sign argument says so). A JSON body verified with a URL that lost its
#   bodySHA256 is read as a form, so its signature no longer matches.
# - Telnyx: no errors member counts as an empty list; errors[0].code is stringified; detail,
#   else title. A message.finalized whose to[0] has no status is message.status (no case).
# - Vonage: a failure without an error object has error {code: null, message: null};
#   error.title is stringified. exp expires at exp + leeway inclusive and nbf passes at
#   nbf - leeway, as the httpsms vectors have it; iat gets the tolerance, not the leeway.
#   An empty body without payload_hash passes the claims (SPEC: "for a non-empty body") and
#   is then malformed_payload. No case combines two claim/time faults.
# - Plivo: the query is read as plivo-python's parse_qs and plivo-node's querystring do
#   ('+' is a space; a repeated name: its values sorted). In a signature list an empty entry
#   (a trailing comma) is unreadable and skipped; an unreadable entry beside a readable wrong
#   one is signature_mismatch (something readable was checked). An empty nonce is
#   malformed_signature. ErrorCode= on a failure gives code "" (values kept as sent).
# - Sinch: the algorithm header is compared exactly ("hmacsha256", "" are malformed); an
#   unknown type has the body-hash id and null fields.
# - textbee timestamped: an empty X-TextBee-Signature is present, so malformed_signature
#   (no fallback to X-Signature); t= and v1= are both required; X-Signature-Timestamp is
#   informative and not checked.
# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# twilio (SPEC 7; PROVIDERS-FIELD.md section 1)
# ---------------------------------------------------------------------------------------------

TW_KA_TOKEN = "12345"  # twilio-node spec/validation.spec.js L10-30
TW_KA_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
TW_KA_URL_443 = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
TW_KA_PARAMS = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"),
                ("From", "+14158675309"), ("To", "+18005551212")]
TW_KA_SIG = "RSOYDt4T1cUTdK1PDd93/VVr8B8="
TW_KA_SIG_443 = "kvajT1Ptam85bY51eRf/AJRuM3w="
TW_KA_JSON = '{"property": "value", "boolean": true}'
TW_KA_JSON_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
TW_KA_JSON_SIG = "a9nBmqA0ju/hNViExpshrM61xv4="
TW_SECRET = "5c9d2f7a1e3b48c6a0d4e8f2b6c1a7d3"  # an auth token's shape: 32 hex digits
TW_OTHER = "e1f2a3b4c5d6e7f8091a2b3c4d5e6f70"
TW_NOW = 1767225600000  # Twilio signs no time: any now
TW_URL = "https://example.com/webhooks/twilio"
TW_JSON_URL = "https://example.com/webhooks/twilio/json"
TW_SETTINGS = "X-Twilio-Webhooks-Signature-Settings"
TW_STATUSES = ("queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving",
               "received", "accepted", "scheduled", "read", "partially_delivered", "canceled")
TW_TYPES = {"sent": "message.sent", "delivered": "message.delivered", "failed": "message.failed",
            "undelivered": "message.failed", "read": "receipt.read",
            "received": "message.received"}
# The parameters SPEC 7.3 reads: a body with none of them is malformed_payload.
TW_FIELDS = ("MessageStatus", "SmsStatus", "MessageSid", "SmsSid", "From", "To", "Body",
             "ErrorCode", "ErrorMessage", "ChannelStatusMessage")
TW_INBOUND = ("ToCountry=US&ToState=CA&SmsMessageSid=SM5ab7891328b440f04b7c83b459fc85fd&NumMedia=0"
              "&ToCity=SAN+FRANCISCO&FromZip=30512&SmsSid=SM5ab7891328b440f04b7c83b459fc85fd"
              "&FromState=GA&SmsStatus=received&FromCity=BLAIRSVILLE&Body=Hello&FromCountry=US"
              "&To=%2B14155550100&ToZip=94105&NumSegments=1&ReferralNumMedia=0"
              "&MessageSid=SM5ab7891328b440f04b7c83b459fc85fd"
              "&AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&From=%2B17065550111"
              "&ApiVersion=2010-04-01")
TW_FAILED = ("ErrorCode=30003&SmsSid=SM1342fe1b2c904d1ab04f0fc7a58abca9&SmsStatus=undelivered"
             "&MessageStatus=undelivered&To=%2B15558675310"
             "&MessageSid=SM1342fe1b2c904d1ab04f0fc7a58abca9"
             "&AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&From=%2B15017250604"
             "&ApiVersion=2010-04-01&RawDlrDoneDate=2501011201")


def twilio_string(url, pairs):
    """SPEC 7.2: the URL, then each name (sorted by code unit) followed by its value; a
    repeated name: its distinct values sorted, each once, each after the name (twilio-node
    webhooks.ts L127-138, twilio-python request_validator.py L65-86)."""
    values = {}
    for k, v in pairs:
        values.setdefault(k, set()).add(v)
    return url + "".join(k + v for k in sorted(values, key=utf16_key)
                         for v in sorted(values[k], key=utf16_key))


def twilio_mac(key, url, pairs, digest=hashlib.sha1):
    return b64(hmac.new(u8(key), u8(twilio_string(url, pairs)), digest).digest())


def twilio_url_forms(url):
    """SPEC 7.2 "Twilio URL forms": as given; without a port also with the scheme's default
    port, with the default port also without it. Nothing else (no re-encoding, no case)."""
    m = _URL.match(url)
    scheme, authority = m.group(1), m.group(2)
    default = {"http": "80", "https": "443"}.get(scheme.lower())
    rest = url[m.end(2):]
    host, colon, port = authority.rpartition(":")
    if not colon or "]" in port:
        host, port = authority, None
    forms = [url]
    if default is not None and port is None:
        forms.append("%s://%s:%s%s" % (scheme, host, default, rest))
    elif default is not None and port == default:
        forms.append("%s://%s%s" % (scheme, host, rest))
    return forms


def twilio_normalize(params, body):
    def get(k):
        return opt_str(params.get(k))

    status, sms_status = get("MessageStatus"), get("SmsStatus")
    sid = get("MessageSid") if get("MessageSid") is not None else get("SmsSid")
    if status is not None:
        t = TW_TYPES.get(status, "message.status")
    elif sid is not None:
        t = "message.received"
    else:
        t = "unknown"
    if status is not None:
        name = status
    elif sms_status is not None:
        name = sms_status
    else:
        name = "received" if sid is not None else "unknown"
    if status is not None and sid is not None:
        id_ = sid + ":" + status
    else:
        id_ = sid if sid else sha256_hex(body)
    error = None
    if t == "message.failed":
        msg = get("ErrorMessage") if get("ErrorMessage") is not None else get(
            "ChannelStatusMessage")
        error = {"code": get("ErrorCode"), "message": msg}
    return event("twilio", t, name, id_, None, sid, get("From"), get("To"), get("Body"), error)


def twilio_verify(c, body):
    secrets = ref_secrets(c["secret"])
    ref_limit(body, c["options"])
    h = lower_headers(c["headers"])
    url = c["url"]
    json_mode = url_has_param(url, "bodySHA256")
    pairs = [] if json_mode else form_decode(body)  # before the signature: it covers them
    sig = h.get("x-twilio-signature")
    if sig is None:
        raise Refused("missing_signature")
    digest = hashlib.sha1
    settings = h.get(TW_SETTINGS.lower())
    if settings is not None:
        d = dict(e.strip().partition("=")[::2] for e in settings.split(","))
        if d.get("algorithm") != "HMAC_SHA256":
            raise Refused("malformed_signature")
        digest = hashlib.sha256
    raw = b64_strict(sig)
    if raw is None:
        raise Refused("malformed_signature")
    if not any(hmac.compare_digest(hmac.new(u8(s), u8(twilio_string(form, pairs)),
                                            digest).digest(), raw)
               for s in secrets for form in twilio_url_forms(url)):
        raise Refused("signature_mismatch")
    if json_mode:
        hashes = [v for k, v in url_query_pairs(url) if k == "bodySHA256"]
        if hashes[-1].lower() != sha256_hex(body):
            raise Refused("signature_mismatch")
        params = json_object(body)
    else:
        params = form_data(pairs)
    if not any(k in params for k in TW_FIELDS):
        raise Refused("malformed_payload")
    ev = twilio_normalize(params, body)
    ev["data"] = params
    return ev


def twilio_sign(secret, body, options, headers, args=None):
    """What smshook's sign writes: X-Twilio-Signature over args.url; a body that is a JSON
    object is signed the JSON way (bodySHA256 appended to the URL, no parameters)."""
    url = args["url"]
    try:
        is_json = isinstance(json.loads(body.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError):
        is_json = False
    if is_json:
        return {"X-Twilio-Signature": twilio_mac(
            secret, url_with_param(url, "bodySHA256", sha256_hex(body)), [])}
    return {"X-Twilio-Signature": twilio_mac(secret, url, form_decode(body))}


def tw_status(sid, status, to="+15558675310", frm="+15017250604", **extra):
    pairs = [("SmsSid", sid), ("SmsStatus", status), ("MessageStatus", status), ("To", to),
             ("MessageSid", sid), ("AccountSid", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
             ("From", frm), ("ApiVersion", "2010-04-01")]
    pairs += list(extra.items())
    return pairs


def tw_inbound(sid, frm, to, text, **extra):
    pairs = [("ToCountry", "US"), ("SmsMessageSid", sid), ("NumMedia", "0"), ("SmsSid", sid),
             ("SmsStatus", "received"), ("Body", text), ("To", to), ("NumSegments", "1"),
             ("MessageSid", sid), ("AccountSid", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
             ("From", frm), ("ApiVersion", "2010-04-01")]
    pairs += list(extra.items())
    return pairs


def build_twilio():
    f = File("twilio", "PROVIDERS-FIELD.md section 1 (twilio-node 45d3d65a webhooks.ts, "
             "twilio-python 306691e7 request_validator.py) and SPEC section 7; signatures by "
             "generate.py (Python hmac)", twilio_sign, {"X-Twilio-Signature"},
             verifier=twilio_verify)
    now = {"now": TW_NOW}
    src1 = "PROVIDERS-FIELD.md section 1"
    gen1 = GEN + " over a " + src1 + " field list"

    def ev(body):
        return ok(dict(twilio_normalize(form_data(form_decode(body)), body),
                       data=form_data(form_decode(body))))

    def sig(body, url=TW_URL, secret=TW_SECRET, digest=hashlib.sha1):
        return twilio_mac(secret, url, form_decode(body), digest)

    def signed(name, source, pairs_or_body, url=TW_URL, expect=None, **kw):
        body = pairs_or_body if isinstance(pairs_or_body, bytes) else form_encode(pairs_or_body)
        return f.add(name, source, TW_SECRET, {"X-Twilio-Signature": sig(body, url)}, body, now,
                     expect if expect is not None else ev(body), url=url, **kw)

    # Known answers (twilio-node spec/validation.spec.js L10-30), verbatim.
    ka = form_encode(TW_KA_PARAMS)
    assert twilio_mac(TW_KA_TOKEN, TW_KA_URL, TW_KA_PARAMS) == TW_KA_SIG
    assert twilio_mac(TW_KA_TOKEN, TW_KA_URL_443, TW_KA_PARAMS) == TW_KA_SIG_443
    assert sha256_hex(u8(TW_KA_JSON)) == TW_KA_JSON_HASH
    ka_json_url = TW_KA_URL + "&bodySHA256=" + TW_KA_JSON_HASH
    assert twilio_mac(TW_KA_TOKEN, ka_json_url, []) == TW_KA_JSON_SIG
    srcka = (src1 + " known answer (twilio-node spec/validation.spec.js L10-30; recomputed by "
             "generate.py)")
    # The known answer's parameters are a voice call's: From and To are fields SPEC 7.3 reads,
    # MessageSid/SmsSid/MessageStatus are absent, so the event is type unknown, providerEvent
    # unknown, id the body hash (SPEC 2); CallSid is kept in data.
    kev = ev(ka)
    assert kev["event"]["type"] == "unknown" and kev["event"]["providerEvent"] == "unknown"
    assert kev["event"]["id"] == sha256_hex(ka) and kev["event"]["from"] == "+14158675309"
    f.add("known-answer-form-verbatim", srcka + "; token 12345, the URL as signed",
          TW_KA_TOKEN, {"X-Twilio-Signature": TW_KA_SIG}, ka, now, kev, url=TW_KA_URL,
          sign_matches=True)
    f.add("known-answer-form-port-443-verbatim", srcka + "; signed and verified with :443",
          TW_KA_TOKEN, {"X-Twilio-Signature": TW_KA_SIG_443}, ka, now, kev, url=TW_KA_URL_443,
          sign_matches=True)
    f.add("known-answer-signed-with-443-verified-without-port", srcka + "; Twilio signed the "
          "URL with :443, the request URL has no port: the default port is added",
          TW_KA_TOKEN, {"X-Twilio-Signature": TW_KA_SIG_443}, ka, now, kev, url=TW_KA_URL,
          sign_extra={"url": TW_KA_URL_443}, sign_matches=True)
    f.add("known-answer-signed-without-port-verified-with-443", srcka + "; Twilio signed the "
          "URL without a port, the request URL has :443: the default port is dropped",
          TW_KA_TOKEN, {"X-Twilio-Signature": TW_KA_SIG}, ka, now, kev, url=TW_KA_URL_443,
          sign_extra={"url": TW_KA_URL}, sign_matches=True)
    f.add("known-answer-json-body-verbatim", srcka + "; JSON body, URL + &bodySHA256=0a1ff763..."
          ": signature and hash verify, but the body has none of the fields SPEC 7.3 reads",
          TW_KA_TOKEN, {"X-Twilio-Signature": TW_KA_JSON_SIG}, u8(TW_KA_JSON), now,
          err("malformed_payload"), url=ka_json_url)

    # Payloads
    inbound = u8(TW_INBOUND)
    c = signed("inbound-capture", src1 + " example inbound body (a capture's shape), verbatim; "
               "signed by generate.py", inbound, sign_matches=True)
    assert c["expect"]["event"] == dict(event(
        "twilio", "message.received", "received", "SM5ab7891328b440f04b7c83b459fc85fd", None,
        "SM5ab7891328b440f04b7c83b459fc85fd", "+17065550111", "+14155550100", "Hello", None),
        data=c["expect"]["event"]["data"])
    assert c["expect"]["event"]["data"]["ToCity"] == "SAN FRANCISCO"
    assert c["expect"]["event"]["data"]["ReferralNumMedia"] == "0"
    failed = u8(TW_FAILED)
    c = signed("status-undelivered-example", src1 + " example failed status [CONSTRUCTED], "
               "verbatim; signed by generate.py", failed, sign_matches=True)
    assert c["expect"]["event"] == dict(event(
        "twilio", "message.failed", "undelivered", "SM1342fe1b2c904d1ab04f0fc7a58abca9:undelivered",
        None, "SM1342fe1b2c904d1ab04f0fc7a58abca9", "+15017250604", "+15558675310", None,
        {"code": "30003", "message": None}), data=c["expect"]["event"]["data"])
    for i, st in enumerate(TW_STATUSES):
        extra = {}
        if st in ("failed", "undelivered"):
            extra = {"ErrorCode": "30008", "ErrorMessage": "Unknown error"}
        sid = "SM%032x" % (0x5a0 + i)
        c = signed("status-" + st.replace("_", "-"), gen1 + "; MessageStatus " + st +
                   " (twilio@6.3.1 message.d.ts L31)", tw_status(sid, st, **extra),
                   sign_matches=True)
        e = c["expect"]["event"]
        assert e["id"] == sid + ":" + st and e["providerEvent"] == st
        assert e["type"] == TW_TYPES.get(st, "message.status")
        if st == "failed":
            assert e["error"] == {"code": "30008", "message": "Unknown error"}
    wa_read = tw_status("SM%032x" % 0x600, "read", to="whatsapp:+15558675310",
                        frm="whatsapp:+14155238886", EventType="READ",
                        ChannelPrefix="whatsapp",
                        ChannelInstallSid="XEcc20d939f803ee381f2442185d0d5dc5")
    c = signed("status-read-whatsapp", gen1 + "; WhatsApp read receipt (EventType=READ)", wa_read,
               sign_matches=True)
    assert c["expect"]["event"]["type"] == "receipt.read"
    assert c["expect"]["event"]["from"] == "whatsapp:+14155238886"
    wa_failed = tw_status("SM%032x" % 0x601, "failed", to="whatsapp:+15558675310",
                          frm="whatsapp:+14155238886", ErrorCode="63016",
                          ChannelStatusMessage="Failed to send freeform message because you are "
                          "outside the allowed window.")
    c = signed("status-failed-whatsapp-channel-status-message", gen1 + "; no ErrorMessage: the "
               "message is ChannelStatusMessage", wa_failed, sign_matches=True)
    assert c["expect"]["event"]["error"]["message"].startswith("Failed to send freeform")
    c = signed("status-failed-without-error-code", gen1 + "; failed with neither ErrorCode nor "
               "a message: error {code: null, message: null}",
               tw_status("SM%032x" % 0x602, "failed"), sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": None, "message": None}
    c = signed("inbound-non-ascii-text", gen1 + "; emoji, accents, CJK percent-encoded as UTF-8",
               tw_inbound("SM%032x" % 0x610, "+33612345678", "+14155550100", NON_ASCII_TEXT),
               sign_matches=True)
    assert c["expect"]["event"]["text"] == NON_ASCII_TEXT
    c = signed("inbound-multiline-plus-and-percent", gen1 + "; '+' is a space, %2B a plus, %0A a "
               "newline (a percent-encoded control character is text, only a raw one is "
               "malformed)", b"MessageSid=SM" + b"%032x" % 0x611 + b"&From=%2B14155550111&To=%2B"
               b"14155550100&Body=Line+one%0ALine%20two+%2B+50%25&SmsStatus=received",
               sign_matches=True)
    assert c["expect"]["event"]["text"] == "Line one\nLine two + 50%"
    c = signed("inbound-whatsapp", gen1 + "; WhatsApp From/To carry whatsapp:+...",
               tw_inbound("SM%032x" % 0x612, "whatsapp:+14155238886", "whatsapp:+15005550006",
                          "Hi from WhatsApp", ProfileName="Zoë", WaId="14155238886"),
               sign_matches=True)
    assert c["expect"]["event"]["from"] == "whatsapp:+14155238886"
    assert c["expect"]["event"]["data"]["ProfileName"] == "Zoë"
    c = signed("inbound-empty-body-value-kept", gen1 + "; Body= (an empty value stays '')",
               tw_inbound("SM%032x" % 0x613, "+14155550111", "+14155550100", "",
                          MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/"
                          "Media/ME1", MediaContentType0="image/jpeg"), sign_matches=True)
    assert c["expect"]["event"]["text"] == ""
    c = signed("inbound-sms-sid-only", gen1 + "; an older inbound with SmsSid and no MessageSid: "
               "id and messageId are SmsSid",
               [("SmsSid", "SM%032x" % 0x614), ("From", "+14155550111"), ("To", "+14155550100"),
                ("Body", "Old style")], sign_matches=True)
    assert c["expect"]["event"]["id"] == "SM%032x" % 0x614
    assert c["expect"]["event"]["providerEvent"] == "received"
    rep = tw_inbound("SM%032x" % 0x615, "+14155550111", "+14155550100", "Tags") + [
        ("Tag", "b"), ("Tag", "a"), ("Tag", "b")]
    rep_body = form_encode(rep)
    assert "Taga" + "Tagb" + "To" in twilio_string(TW_URL, form_decode(rep_body))
    assert "Tagb" + "Tagb" not in twilio_string(TW_URL, form_decode(rep_body))
    c = signed("repeated-parameter", gen1 + "; Tag=b&Tag=a&Tag=b: signed as 'TagaTagb' (distinct "
               "values sorted, each once), data keeps ['b','a','b'] in order", rep_body,
               sign_matches=True)
    assert c["expect"]["event"]["data"]["Tag"] == ["b", "a", "b"]
    unknown_only = form_encode([("From", "+14155550111"), ("To", "+14155550100"),
                                ("AccountSid", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")])
    c = signed("no-sid-no-status-is-unknown", GEN + "; From/To but no MessageSid, SmsSid or "
               "MessageStatus: type unknown, providerEvent unknown, id the body hash",
               unknown_only, sign_matches=True)
    assert c["expect"]["event"]["id"] == sha256_hex(unknown_only)

    # JSON bodies: the URL carries bodySHA256, the HMAC covers the URL alone.
    jbody = u8(cjson({"MessageSid": "SM%032x" % 0x620, "MessageStatus": "delivered",
                      "AccountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "From": "+15017250604",
                      "To": "+15558675310", "ApiVersion": "2010-04-01"}))
    jurl = url_with_param(TW_JSON_URL, "bodySHA256", sha256_hex(jbody))
    jev = ok(twilio_normalize(json.loads(jbody), jbody))
    gj = GEN + "; JSON body, URL + bodySHA256 (" + src1 + " 'JSON bodies')"

    def jhdr(url, secret=TW_SECRET):
        return {"X-Twilio-Signature": twilio_mac(secret, url, [])}

    c = f.add("json-body-delivered", gj, TW_SECRET, jhdr(jurl), jbody, now, jev, url=jurl,
              sign_matches=True)
    assert c["sign"]["url"] == TW_JSON_URL and c["expect"]["event"]["type"] == "message.delivered"
    jurl_q = url_with_param(TW_JSON_URL + "?tenant=acme", "bodySHA256", sha256_hex(jbody))
    c = f.add("json-body-url-with-other-query", gj + "; bodySHA256 after another parameter",
              TW_SECRET, jhdr(jurl_q), jbody, now, jev, url=jurl_q, sign_matches=True)
    assert c["sign"]["url"] == TW_JSON_URL + "?tenant=acme"
    jurl_up = TW_JSON_URL + "?bodySHA256=" + sha256_hex(jbody).upper()
    f.add("json-body-hash-uppercase-hex", gj + "; bodySHA256 in upper-case hex (signed so)",
          TW_SECRET, jhdr(jurl_up), jbody, now, jev, url=jurl_up, sign_matches=False)
    other = u8(cjson({"MessageSid": "SM%032x" % 0x621, "MessageStatus": "failed"}))
    jurl_wrong = url_with_param(TW_JSON_URL, "bodySHA256", sha256_hex(other))
    f.add("json-body-hash-wrong-hmac-right", gj + "; bodySHA256 of another body, the HMAC over "
          "that URL right", TW_SECRET, jhdr(jurl_wrong), jbody, now, err("signature_mismatch"),
          url=jurl_wrong)
    f.add("json-body-one-byte-flipped", gj + "; signed, then one body byte flipped", TW_SECRET,
          jhdr(jurl), flip_bit(jbody, jbody.index(b"delivered")), now, err("signature_mismatch"),
          url=jurl)
    f.add("json-body-url-without-body-hash", gj + "; the URL lost its bodySHA256: the JSON body "
          "is read as a form and the HMAC (over the URL alone) no longer matches the string "
          "of its parameters", TW_SECRET, jhdr(jurl), jbody, now, err("signature_mismatch"),
          url=TW_JSON_URL)
    for name, b, why in [
        ("json-body-empty-object", b"{}", "{}"),
        ("json-body-array", b"[]", "a JSON array"),
        ("json-body-non-utf8", b'{"MessageSid":"SM1","Body":"caf\xe9"}', "Latin-1 byte"),
        ("json-body-bom", BOM + jbody, "a UTF-8 BOM before the object"),
    ]:
        u = url_with_param(TW_JSON_URL, "bodySHA256", sha256_hex(b))
        f.add(name, gj + "; correctly signed and hashed, " + why, TW_SECRET, jhdr(u), b, now,
              err("malformed_payload"), url=u)

    # Shared-key signing: the same string with HMAC-SHA256.
    gsk = GEN + "; " + src1 + " shared-key signing [DOC, public beta]"
    sk_sig = sig(inbound, digest=hashlib.sha256)
    iev = ev(inbound)
    f.add("shared-key-hmac-sha256", gsk + "; settings key=K123,algorithm=HMAC_SHA256", TW_SECRET,
          {"X-Twilio-Signature": sk_sig, TW_SETTINGS: "key=K123,algorithm=HMAC_SHA256"},
          inbound, now, iev, url=TW_URL)
    f.add("shared-key-other-algorithm", gsk + "; settings naming HMAC_SHA512", TW_SECRET,
          {"X-Twilio-Signature": b64(hmac.new(u8(TW_SECRET), u8(twilio_string(
              TW_URL, form_decode(inbound))), hashlib.sha512).digest()),
           TW_SETTINGS: "key=K123,algorithm=HMAC_SHA512"}, inbound, now,
          err("malformed_signature"), url=TW_URL)
    f.add("shared-key-settings-with-sha1-signature", gsk + "; settings say HMAC_SHA256, the "
          "signature is the 20-byte HMAC-SHA1", TW_SECRET,
          {"X-Twilio-Signature": sig(inbound), TW_SETTINGS: "key=K123,algorithm=HMAC_SHA256"},
          inbound, now, err("signature_mismatch"), url=TW_URL)
    f.add("sha256-signature-without-settings", gsk + "; an HMAC-SHA256 signature without the "
          "settings header (SHA-1 expected)", TW_SECRET, {"X-Twilio-Signature": sk_sig}, inbound,
          now, err("signature_mismatch"), url=TW_URL)
    f.add("shared-key-settings-without-signature", gsk + "; the settings header alone",
          TW_SECRET, {TW_SETTINGS: "key=K123,algorithm=HMAC_SHA256"}, inbound, now,
          err("missing_signature"), url=TW_URL)

    # URL forms (SPEC 7.2): only the default port is forgiven.
    gu = GEN + "; SPEC 7.2 'Twilio URL forms'"
    for name, signed_url, verify_url, expect, why in [
        ("url-signed-without-port-verified-with-443", "https://example.com/webhooks/twilio",
         "https://example.com:443/webhooks/twilio", iev, "default port given: also tried "
         "without"),
        ("url-signed-with-443-verified-without-port", "https://example.com:443/webhooks/twilio",
         "https://example.com/webhooks/twilio", iev, "no port: also tried with :443"),
        ("url-http-signed-without-port-verified-with-80", "http://example.com/webhooks/twilio",
         "http://example.com:80/webhooks/twilio", iev, "http's default port 80"),
        ("url-http-signed-with-80-verified-without-port", "http://example.com:80/webhooks/twilio",
         "http://example.com/webhooks/twilio", iev, "no port: also tried with :80"),
        ("url-non-default-port-exact", "https://example.com:8443/webhooks/twilio",
         "https://example.com:8443/webhooks/twilio", iev, "a non-default port, as signed"),
        ("url-non-default-port-dropped", "https://example.com:8443/webhooks/twilio",
         "https://example.com/webhooks/twilio", err("signature_mismatch"), "signed with :8443, "
         "verified without a port"),
        ("url-non-default-port-added", "https://example.com/webhooks/twilio",
         "https://example.com:8443/webhooks/twilio", err("signature_mismatch"), "signed without a "
         "port, verified with :8443"),
        ("url-443-on-http-is-not-default", "http://example.com/webhooks/twilio",
         "http://example.com:443/webhooks/twilio", err("signature_mismatch"), ":443 is not "
         "http's default port"),
        ("url-https-signed-http-verified", "https://example.com/webhooks/twilio",
         "http://example.com/webhooks/twilio", err("signature_mismatch"), "a proxy turned https "
         "into http"),
        ("url-query-order-changed", "https://example.com/webhooks/twilio?a=1&b=2",
         "https://example.com/webhooks/twilio?b=2&a=1", err("signature_mismatch"), "query "
         "parameters reordered"),
        ("url-query-encoding-changed", "https://example.com/webhooks/twilio?name=a%20b",
         "https://example.com/webhooks/twilio?name=a+b", err("signature_mismatch"), "%20 "
         "re-encoded as +"),
        ("url-query-exact", "https://example.com/webhooks/twilio?tenant=acme%20corp&x=1",
         "https://example.com/webhooks/twilio?tenant=acme%20corp&x=1", iev, "query kept "
         "byte for byte"),
        ("url-host-case-changed", "https://Example.com/webhooks/twilio",
         "https://example.com/webhooks/twilio", err("signature_mismatch"), "host case changed "
         "(twilio-node's lower-cased retry is not done)"),
        ("url-trailing-slash-added", "https://example.com/webhooks/twilio",
         "https://example.com/webhooks/twilio/", err("signature_mismatch"), "a trailing slash"),
        ("url-other-path", "https://example.com/webhooks/twilio",
         "https://example.com/webhooks/other", err("signature_mismatch"), "another path"),
    ]:
        extra = {"sign_extra": {"url": signed_url}} if "event" in expect and \
            signed_url != verify_url else {}
        f.add(name, gu + "; " + why, TW_SECRET, {"X-Twilio-Signature": sig(inbound, signed_url)},
              inbound, now, expect, url=verify_url, **extra)

    # Header handling and secrets
    good = sig(inbound)
    raw = base64.b64decode(good)
    f.add("header-name-lowercase", GEN + "; header names are case-insensitive", TW_SECRET,
          {"x-twilio-signature": good}, inbound, now, iev, url=TW_URL)
    f.add("header-value-surrounding-whitespace", GEN + "; header values are trimmed", TW_SECRET,
          {"X-Twilio-Signature": " " + good + "  "}, inbound, now, iev, url=TW_URL)
    f.add("rotation-right-secret-second", GEN + "; secret list, any one matching",
          [TW_OTHER, TW_SECRET], {"X-Twilio-Signature": good}, inbound, now, iev, url=TW_URL)
    f.add("rotation-both-wrong", GEN, [TW_OTHER, "0" * 32], {"X-Twilio-Signature": good}, inbound,
          now, err("signature_mismatch"), url=TW_URL)
    f.add("wrong-secret", GEN, TW_OTHER, {"X-Twilio-Signature": good}, inbound, now,
          err("signature_mismatch"), url=TW_URL)
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped (Body=Hello -> "
          "Hellm)", TW_SECRET, {"X-Twilio-Signature": good},
          flip_bit(inbound, inbound.index(b"Body=Hello") + 9), now, err("signature_mismatch"),
          url=TW_URL)
    f.add("parameter-added", GEN + "; signed, then a parameter appended", TW_SECRET,
          {"X-Twilio-Signature": good}, inbound + b"&Extra=1", now, err("signature_mismatch"),
          url=TW_URL)
    f.add("parameter-value-re-encoded-still-verifies", GEN + "; the same parameters encoded "
          "otherwise (%20 for +, %41 for A): the signature covers the decoded parameters",
          TW_SECRET, {"X-Twilio-Signature": good},
          inbound.replace(b"SAN+FRANCISCO", b"S%41N%20FRANCISCO"), now,
          ev(inbound.replace(b"SAN+FRANCISCO", b"S%41N%20FRANCISCO")), url=TW_URL)
    f.add("missing-signature-header", GEN, TW_SECRET, {}, inbound, now,
          err("missing_signature"), url=TW_URL)
    for name, value, code, why in [
        ("signature-empty", "", "malformed_signature", "empty"),
        ("signature-not-base64", good[:-4] + "*!?=", "malformed_signature", "characters outside "
         "base64"),
        ("signature-unpadded-base64", good.rstrip("="), "malformed_signature", "the 27 "
         "characters without '='"),
        ("signature-base64url-alphabet", "-_" + good[2:], "malformed_signature", "'-' and '_' "
         "are not standard base64"),
        ("signature-wrong-length-19-bytes", b64(raw[:19]), "signature_mismatch", "valid base64 "
         "of 19 bytes"),
        ("signature-hex-instead-of-base64", raw.hex(), "signature_mismatch", "the HMAC as 40 "
         "hex digits, which are valid base64 of 30 bytes: the wrong length"),
    ]:
        f.add(name, GEN + "; " + why, TW_SECRET, {"X-Twilio-Signature": value}, inbound, now,
              err(code), url=TW_URL)
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", TW_SECRET,
          {"X-Twilio-Signature": good}, inbound, dict(now, maxBodyBytes=64),
          err("body_too_large"), url=TW_URL)
    f.add("body-exactly-max-size", GEN + "; the size limit is inclusive", TW_SECRET,
          {"X-Twilio-Signature": good}, inbound, dict(now, maxBodyBytes=len(inbound)), iev,
          url=TW_URL)

    # Undecodable forms: malformed_payload found before the signature (any well-formed one).
    any_sig = {"X-Twilio-Signature": twilio_mac(TW_SECRET, TW_URL, [])}
    for name, b, why in [
        ("form-percent-zz", b"MessageSid=SM1&Body=%ZZ", "%ZZ"),
        ("form-percent-truncated", b"MessageSid=SM1&Body=100%4", "'%4' at the end"),
        ("form-percent-alone", b"MessageSid=SM1&Body=50%", "a lone '%' at the end"),
        ("form-percent-encoded-latin1", b"MessageSid=SM1&Body=caf%E9", "%E9: not UTF-8 once "
         "decoded"),
        ("form-percent-encoded-overlong-utf8", b"MessageSid=SM1&Body=%C0%AF", "%C0%AF: an "
         "overlong UTF-8 sequence"),
        ("form-raw-non-utf8-byte", b"MessageSid=SM1&Body=caf\xe9", "a raw 0xE9 byte (bodyBase64)"),
        ("form-raw-control-byte", b"MessageSid=SM1&Body=a\x01b", "a raw 0x01 byte"),
        ("form-raw-newline", b"MessageSid=SM1&Body=Hello\n", "a raw LF (0x0A) byte"),
        ("form-raw-nul", b"MessageSid=SM1\x00&Body=x", "a raw NUL byte"),
    ]:
        f.add(name, GEN + "; undecodable form body (" + why + "): malformed_payload before the "
              "signature", TW_SECRET, any_sig, b, now, err("malformed_payload"), url=TW_URL)
    f.add("form-undecodable-and-wrong-signature", GEN + "; %ZZ with a signature made with another "
          "token: still malformed_payload (the parameters are decoded first)", TW_SECRET,
          {"X-Twilio-Signature": twilio_mac(TW_OTHER, TW_URL, [])}, b"MessageSid=SM1&Body=%ZZ",
          now, err("malformed_payload"), url=TW_URL)
    for name, b, why in [
        ("empty-form-body", b"", "an empty form"),
        ("form-without-read-fields",
         form_encode([("AccountSid", "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
                      ("ApiVersion", "2010-04-01")]),
         "only AccountSid and ApiVersion"),
        ("json-object-as-form-body", b'{"hello":"world"}', "an arbitrary JSON object without "
         "bodySHA256 in the URL (one parameter named '{\"hello\":\"world\"}')"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why + ": none of the fields SPEC 7.3 reads",
              TW_SECRET, {"X-Twilio-Signature": sig(b)}, b, now, err("malformed_payload"),
              url=TW_URL)
    f.add("empty-secret", GEN, "", {"X-Twilio-Signature": good}, inbound, now,
          err("invalid_secret"), url=TW_URL)
    f.add("empty-secret-list", GEN, [], {"X-Twilio-Signature": good}, inbound, now,
          err("invalid_secret"), url=TW_URL)
    return f


# ---------------------------------------------------------------------------------------------
# telnyx (SPEC 7; PROVIDERS-FIELD.md section 2)
# ---------------------------------------------------------------------------------------------

TX_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
TX_PUB = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="  # RFC 8032 section 7.1 test 1
TX_OTHER_SEED = hashlib.sha256(b"smshook telnyx other key").digest()
TX_TS = 1767225600
TX_NOW = TX_TS * 1000
TX_KA_BODY = ('{"data":{"event_type":"message.received","id":'
              '"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":'
              '"2026-01-01T00:00:00.000+00:00","payload":{"direction":"inbound",'
              '"from":{"phone_number":"+13125550001"},"id":"84cca175-9755-4859-b67f-4730d7f58aa3",'
              '"record_type":"message","text":"Hello","to":[{"phone_number":"+13125550002",'
              '"status":"webhook_delivered"}],"type":"SMS"},"record_type":"event"},"meta":'
              '{"attempt":1,"delivered_to":"https://example.com/webhooks"}}')
TX_KA_SIG = ("ngQhzk+eAiAiKNYT/N318K/UVzLLMeXR4nTCE6QZdkJnxzYOm5+I9ujSQp7bCsWFI8hhpokWVBDekUZq"
             "iEYKCw==")
TX_DELIVERED = ('{"data":{"event_type":"message.finalized","id":'
                '"4ee8c3a6-4995-4309-a3c6-38e3db9ea4be","occurred_at":'
                '"2024-01-15T21:32:14.148+00:00","payload":{"completed_at":'
                '"2024-01-15T21:32:14.148+00:00","direction":"outbound","errors":[],"from":'
                '{"carrier":"Telnyx","line_type":"Wireless","phone_number":"+13125550001"},"id":'
                '"ac012cbf-5e09-46af-a69a-7c0e2d90993c","parts":1,"record_type":"message",'
                '"sent_at":"2024-01-15T21:32:13.596+00:00","text":"Hello there!","to":[{"carrier":'
                '"T-MOBILE USA, INC.","line_type":"Wireless","phone_number":"+13125550002",'
                '"status":"delivered"}],"type":"SMS"},"record_type":"event"},"meta":{"attempt":1,'
                '"delivered_to":"https://example.com/webhooks"}}')
TX_FINAL = {"delivered": "message.delivered", "sending_failed": "message.failed",
            "delivery_failed": "message.failed", "expired": "message.expired",
            "read": "receipt.read"}
TX_STATUSES = ("queued", "sending", "sent", "expired", "sending_failed", "delivery_unconfirmed",
               "delivered", "delivery_failed", "read")

# Ed25519 curve arithmetic, only to pick invalid public keys and to judge them in the
# reference verifier (signing and verifying use `cryptography`).
ED_P = 2 ** 255 - 19
ED_D = -121665 * pow(121666, ED_P - 2, ED_P) % ED_P
ED_L = 2 ** 252 + 27742317777372353535851937790883648493
ED_SQRT_M1 = pow(2, (ED_P - 1) // 4, ED_P)


def ed_decompress(raw):
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    sign = raw[31] >> 7
    if y >= ED_P:
        return None
    x2 = (y * y - 1) * pow(ED_D * y * y + 1, ED_P - 2, ED_P) % ED_P
    x = pow(x2, (ED_P + 3) // 8, ED_P)
    if (x * x - x2) % ED_P:
        x = x * ED_SQRT_M1 % ED_P
    if (x * x - x2) % ED_P:
        return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = ED_P - x
    return x, y


def ed_double(pt):
    x, y = pt
    xx, yy = x * x % ED_P, y * y % ED_P
    x3 = 2 * x * y * pow((yy - xx) % ED_P, ED_P - 2, ED_P) % ED_P
    y3 = (yy + xx) * pow((2 + xx - yy) % ED_P, ED_P - 2, ED_P) % ED_P
    return x3, y3


def ed_key_ok(raw):
    """A public key SPEC 7.1 accepts: 32 bytes, a curve point, not of small order."""
    pt = ed_decompress(raw) if len(raw) == 32 else None
    if pt is None:
        return False
    for _ in range(3):
        pt = ed_double(pt)
    return pt != (0, 1)


def ed_pub(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ed_sign(seed, msg):
    return Ed25519PrivateKey.from_private_bytes(seed).sign(msg)


def ed_verify(pub, sig, msg):
    if int.from_bytes(sig[32:], "little") >= ED_L:  # non-canonical S (verify_strict refuses)
        return False
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
        return True
    except InvalidSignature:
        return False


assert b64(ed_pub(TX_SEED)) == TX_PUB
assert b64(ed_sign(TX_SEED, u8("%d|" % TX_TS + TX_KA_BODY))) == TX_KA_SIG
assert ed_key_ok(ed_pub(TX_SEED)) and ed_key_ok(ed_pub(TX_OTHER_SEED))
TX_IDENTITY = bytes([1]) + bytes(31)  # the neutral point (0, 1): order 1
TX_ORDER_2 = (ED_P - 1).to_bytes(32, "little")  # (0, -1): order 2
assert not ed_key_ok(TX_IDENTITY) and not ed_key_ok(TX_ORDER_2)
TX_NOT_A_POINT = next(y.to_bytes(32, "little") for y in range(2, 100)
                      if ed_decompress(y.to_bytes(32, "little")) is None)


def telnyx_normalize(body):
    obj = json.loads(body)
    data = obj["data"] if isinstance(obj.get("data"), dict) else {}
    payload = data.get("payload") if isinstance(data.get("payload"), dict) else {}
    name = opt_str(data.get("event_type"))
    to = payload.get("to")
    first = to[0] if isinstance(to, list) and to and isinstance(to[0], dict) else {}
    to_number = to if isinstance(to, str) else opt_str(first.get("phone_number"))
    if name == "message.finalized":
        t = TX_FINAL.get(first.get("status"), "message.status")
    else:
        t = {"message.received": "message.received", "message.sent": "message.sent",
             "message.read": "receipt.read"}.get(name, "unknown")
    frm = payload.get("from")
    frm = opt_str(frm.get("phone_number")) if isinstance(frm, dict) else None
    error = None
    if t == "message.failed":
        errors = payload.get("errors")
        e = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) \
            else None
        if e is None:
            error = {"code": None, "message": None}
        else:
            code = e.get("code")
            code = str(code) if isinstance(code, (str, int)) and not isinstance(code, bool) \
                else None
            msg = opt_str(e.get("detail")) if opt_str(e.get("detail")) is not None else opt_str(
                e.get("title"))
            error = {"code": code, "message": msg}
    id_ = data.get("id") if isinstance(data.get("id"), str) and data.get("id") else \
        sha256_hex(body)
    return event("telnyx", t, name if name is not None else "unknown", id_,
                 opt_time_iso(data.get("occurred_at")), opt_str(payload.get("id")), frm,
                 to_number, opt_str(payload.get("text")), error)


def telnyx_verify(c, body):
    keys = []
    for s in ref_secrets(c["secret"]):
        raw = b64_strict(s)
        if raw is None or not ed_key_ok(raw):
            raise Refused("invalid_secret")
        keys.append(raw)
    ref_limit(body, c["options"])
    h = lower_headers(c["headers"])
    sig, ts = h.get("telnyx-signature-ed25519"), h.get("telnyx-timestamp")
    if sig is None or ts is None:
        raise Refused("missing_signature")
    raw = b64_strict(sig)
    if raw is None or len(raw) != 64 or not re.fullmatch(r"[0-9]+", ts):
        raise Refused("malformed_signature")
    if not any(ed_verify(k, raw, u8(ts + "|") + body) for k in keys):
        raise Refused("signature_mismatch")
    if not ref_within(int(ts), c["options"]):
        raise Refused("timestamp_out_of_tolerance")
    obj = json_object(body)
    data = obj.get("data")
    if not isinstance(data, dict) or not any(k in data for k in ("event_type", "id",
                                                                  "occurred_at", "payload")):
        raise Refused("malformed_payload")
    ev = telnyx_normalize(body)
    ev["data"] = obj
    return ev


def telnyx_sign(secret, body, options, headers, args=None):
    """What smshook's sign writes; `secret` is the base64 seed (sign's telnyx key)."""
    seed = b64_strict(secret)
    if seed is None or len(seed) != 32:
        return None
    ts = str(args["now"] // 1000)
    return {"telnyx-signature-ed25519": b64(ed_sign(seed, u8(ts + "|") + body)),
            "telnyx-timestamp": ts}


def tx_body(event_type, event_id, occurred_at, payload):
    return u8(cjson({"data": {"event_type": event_type, "id": event_id,
                              "occurred_at": occurred_at, "payload": payload,
                              "record_type": "event"},
                     "meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"}}))


def tx_outbound(msg_id, status, errors=None, text="Your code is 1234", **extra):
    p = {"completed_at": "2026-01-01T00:00:05.000+00:00", "direction": "outbound",
         "errors": [] if errors is None else errors,
         "from": {"carrier": "Telnyx", "line_type": "Wireless", "phone_number": "+13125550001"},
         "id": msg_id, "parts": 1, "record_type": "message",
         "sent_at": "2026-01-01T00:00:02.000+00:00", "text": text,
         "to": [{"carrier": "T-MOBILE USA, INC.", "line_type": "Wireless",
                 "phone_number": "+13125550002", "status": status}], "type": "SMS"}
    p.update(extra)
    return p


def build_telnyx():
    f = File("telnyx", "PROVIDERS-FIELD.md section 2 (telnyx-node b9b12ca7 src/lib/webhooks.ts, "
             "telnyx@7.24.0 types) and SPEC section 7; signatures by generate.py (Python "
             "cryptography Ed25519)", telnyx_sign, {"telnyx-signature-ed25519", "telnyx-timestamp"},
             verifier=telnyx_verify)
    now = {"now": TX_NOW}
    seed64 = {"secret": b64(TX_SEED)}
    other_pub = b64(ed_pub(TX_OTHER_SEED))
    src2 = "PROVIDERS-FIELD.md section 2"
    gen2 = GEN.replace("hmac", "cryptography Ed25519") + " over the " + src2 + " payload fields"

    def hdrs(body, ts=TX_TS, seed=TX_SEED):
        return {"telnyx-signature-ed25519": b64(ed_sign(seed, u8("%d|" % ts) + body)),
                "telnyx-timestamp": str(ts)}

    def signed(name, source, body, ts=TX_TS, options=None, expect=None, **kw):
        return f.add(name, source, TX_PUB, hdrs(body, ts), body, options or {"now": ts * 1000},
                     expect if expect is not None else ok(telnyx_normalize(body)),
                     sign_extra=seed64, **kw)

    ka = u8(TX_KA_BODY)
    c = f.add("known-answer-verbatim", src2 + " known answer [COMPUTED]: RFC 8032 test 1 key "
              "pair, timestamp 1767225600", TX_PUB, {"telnyx-signature-ed25519": TX_KA_SIG,
                                                     "telnyx-timestamp": "1767225600"},
              ka, now, ok(telnyx_normalize(ka)), sign_extra=seed64, sign_matches=True)
    assert c["expect"]["event"] == event(
        "telnyx", "message.received", "message.received", "b301ed3f-1490-491f-995f-6e64e69674d4",
        "2026-01-01T00:00:00.000Z", "84cca175-9755-4859-b67f-4730d7f58aa3", "+13125550001",
        "+13125550002", "Hello", None)
    assert c["sign"] == {"now": TX_NOW, "secret": b64(TX_SEED)}
    dl = u8(TX_DELIVERED)
    c = signed("finalized-delivered-docs-example", src2 + " example delivered (docs, abridged), "
               "verbatim; signed by generate.py", dl, sign_matches=True)
    assert c["expect"]["event"] == event(
        "telnyx", "message.delivered", "message.finalized", "4ee8c3a6-4995-4309-a3c6-38e3db9ea4be",
        "2024-01-15T21:32:14.148Z", "ac012cbf-5e09-46af-a69a-7c0e2d90993c", "+13125550001",
        "+13125550002", "Hello there!", None)

    docs_error = {"code": "40300", "title": "Destination number unreachable",
                  "detail": "The destination number is not reachable on the carrier network."}
    for i, st in enumerate(TX_STATUSES):
        errors = [docs_error] if st == "delivery_failed" else []
        b = tx_body("message.finalized", "5a1e%04x-0000-4000-8000-000000000000" % i,
                    "2026-01-01T00:00:05.000+00:00",
                    tx_outbound("6b2f%04x-0000-4000-8000-000000000000" % i, st, errors))
        c = signed("finalized-" + st.replace("_", "-"), gen2 + "; message.finalized, to[0].status "
                   + st, b, sign_matches=True)
        e = c["expect"]["event"]
        assert e["type"] == TX_FINAL.get(st, "message.status")
        if st == "delivery_failed":
            assert e["error"] == {"code": "40300", "message": docs_error["detail"]}
        elif st == "sending_failed":
            assert e["error"] == {"code": None, "message": None}
        else:
            assert e["error"] is None
    b = tx_body("message.finalized", "5a1effff-0000-4000-8000-000000000001",
                "2026-01-01T00:00:05.000Z",
                tx_outbound("6b2fffff-0000-4000-8000-000000000001", "delivery_failed",
                            [{"code": 40008, "title": "Undeliverable"},
                             {"code": "40300", "title": "second error"}]))
    c = signed("finalized-delivery-failed-numeric-code-no-detail", gen2 + "; errors[0].code a "
               "number, no detail: {code: '40008', message: title}; occurred_at with Z", b,
               sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": "40008", "message": "Undeliverable"}
    b = tx_body("message.finalized", "5a1effff-0000-4000-8000-000000000002",
                "2026-01-01T00:00:05.000+00:00",
                {k: v for k, v in tx_outbound("6b2fffff-0000-4000-8000-000000000002",
                                              "sending_failed").items() if k != "errors"})
    c = signed("finalized-sending-failed-without-errors", gen2 + "; no errors member: like an "
               "empty list, {code: null, message: null}", b, sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": None, "message": None}
    b = tx_body("message.finalized", "5a1effff-0000-4000-8000-000000000003",
                "2026-01-01T00:00:05.000+00:00",
                tx_outbound("6b2fffff-0000-4000-8000-000000000003", "delivered", [docs_error]))
    c = signed("finalized-delivered-with-errors-present", gen2 + "; errors present on a delivered "
               "message: not a failure, error null", b, sign_matches=True)
    assert c["expect"]["event"]["error"] is None
    sent = tx_body("message.sent", "7c3a0000-0000-4000-8000-000000000001",
                   "2026-01-01T00:00:02.000+00:00",
                   tx_outbound("6b2f0000-1111-4000-8000-000000000001", "sent"))
    c = signed("message-sent", gen2 + "; message.sent", sent, sign_matches=True)
    assert c["expect"]["event"]["type"] == "message.sent"
    read = tx_body("message.read", "7c3a0000-0000-4000-8000-000000000002",
                   "2026-01-01T00:01:00.000+00:00",
                   dict(tx_outbound("6b2f0000-1111-4000-8000-000000000002", "read"), type="RCS"))
    c = signed("message-read-rcs", gen2 + "; message.read (RCS): receipt.read", read,
               sign_matches=True)
    assert c["expect"]["event"]["type"] == "receipt.read"
    wa = tx_body("message.received", "7c3a0000-0000-4000-8000-000000000003",
                 "2026-01-01T00:00:00.250+00:00",
                 {"direction": "inbound", "from": {"phone_number": "+447700900001"},
                  "id": "84cc0000-0000-4000-8000-000000000003", "record_type": "message",
                  "text": "Hi over WhatsApp", "to": "+13125550002", "type": "WHATSAPP"})
    c = signed("received-whatsapp-to-string", gen2 + "; WhatsApp inbound: payload.to is a plain "
               "string", wa, sign_matches=True)
    assert c["expect"]["event"]["to"] == "+13125550002"
    utf = tx_body("message.received", "7c3a0000-0000-4000-8000-000000000004",
                  "2026-01-01T00:00:00.999+00:00",
                  {"direction": "inbound", "from": {"phone_number": "+33612345678"},
                   "id": "84cc0000-0000-4000-8000-000000000004", "record_type": "message",
                   "text": NON_ASCII_TEXT, "to": [{"phone_number": "+13125550002",
                                                   "status": "webhook_delivered"}],
                   "type": "SMS", "media": [], "encoding": "UCS-2", "parts": 2})
    signed("received-non-ascii-text", gen2 + "; emoji, accents, CJK as raw UTF-8", utf,
           sign_matches=True)
    mms = tx_body("message.received", "7c3a0000-0000-4000-8000-000000000005",
                  "2026-01-01T00:00:00Z",
                  {"direction": "inbound", "from": {"phone_number": "+13125550009"},
                   "id": "84cc0000-0000-4000-8000-000000000005", "record_type": "message",
                   "subject": "Photo", "text": "", "to": [{"phone_number": "+13125550002",
                                                          "status": "webhook_delivered"}],
                   "type": "MMS", "media": [{"url": "https://media.example/1.jpg",
                                             "content_type": "image/jpeg", "size": 1024,
                                             "hash_sha256": "ab" * 32}]})
    c = signed("received-mms-empty-text", gen2 + "; an MMS with media and empty text; "
               "occurred_at without fraction", mms, sign_matches=True)
    assert c["expect"]["event"]["text"] == "" and \
        c["expect"]["event"]["occurredAt"] == "2026-01-01T00:00:00.000Z"
    unk = tx_body("number_order.complete", "7c3a0000-0000-4000-8000-000000000006",
                  "2026-01-01T00:00:03.000+00:00",
                  {"id": "9d4b0000-0000-4000-8000-000000000006", "status": "success",
                   "record_type": "number_order"})
    c = signed("unknown-event-type", gen2 + "; an event type outside SPEC 7.3: unknown, "
               "fields still read", unk, sign_matches=True)
    assert c["expect"]["event"]["type"] == "unknown"
    assert c["expect"]["event"]["providerEvent"] == "number_order.complete"
    noid = u8(cjson({"data": {"event_type": "message.received",
                              "occurred_at": "2026-01-01T00:00:00.000+00:00",
                              "payload": {"direction": "inbound", "text": "no id",
                                          "from": {"phone_number": "+13125550001"},
                                          "to": [{"phone_number": "+13125550002"}]},
                              "record_type": "event"}}))
    c = signed("event-without-id-uses-body-hash", gen2 + "; no data.id: the body hash (SPEC 2)",
               noid, sign_matches=True)
    assert c["expect"]["event"]["id"] == sha256_hex(noid)

    # Time
    ev = ok(telnyx_normalize(ka))
    ka_h = {"telnyx-signature-ed25519": TX_KA_SIG, "telnyx-timestamp": "1767225600"}
    for name, now_ms, expect in [
        ("timestamp-old-by-exactly-300-s", (TX_TS + 300) * 1000, ev),
        ("timestamp-stale-by-301-s", (TX_TS + 301) * 1000, err("timestamp_out_of_tolerance")),
        ("timestamp-future-by-exactly-300-s", (TX_TS - 300) * 1000, ev),
        ("timestamp-future-by-301-s", (TX_TS - 301) * 1000, err("timestamp_out_of_tolerance")),
    ]:
        f.add(name, GEN + "; the known answer, tolerance 300 s two-sided, inclusive", TX_PUB,
              ka_h, ka, {"now": now_ms}, expect,
              sign_extra=seed64 if "event" in expect else None,
              sign_matches=True if "event" in expect else None)
    f.add("tolerance-option-10s-exceeded", GEN + "; toleranceSeconds 10", TX_PUB, ka_h, ka,
          {"now": (TX_TS + 11) * 1000, "toleranceSeconds": 10}, err("timestamp_out_of_tolerance"))
    f.add("stale-and-wrong-key", GEN + "; the signature is checked before the timestamp",
          TX_PUB, hdrs(ka, seed=TX_OTHER_SEED), ka, {"now": (TX_TS + 3600) * 1000},
          err("signature_mismatch"))

    # Signatures
    raw = base64.b64decode(TX_KA_SIG)
    s_plus_l = (int.from_bytes(raw[32:], "little") + ED_L).to_bytes(32, "little")
    for name, value, code, why in [
        ("signature-non-canonical-s-plus-l", b64(raw[:32] + s_plus_l), "signature_mismatch",
         "S + L: the same point equation, a non-canonical scalar (verify_strict refuses it)"),
        ("signature-63-bytes", b64(raw[:63]), "malformed_signature", "base64 of 63 bytes"),
        ("signature-65-bytes", b64(raw + b"\x00"), "malformed_signature", "base64 of 65 bytes"),
        ("signature-not-base64", TX_KA_SIG[:-6] + "*!?==", "malformed_signature",
         "characters outside base64"),
        ("signature-unpadded-base64", TX_KA_SIG.rstrip("="), "malformed_signature", "86 "
         "characters without '=='"),
        ("signature-hex", raw.hex(), "malformed_signature", "the 128 hex digits (valid base64 of "
         "96 bytes: the wrong length for Ed25519)"),
        ("signature-empty", "", "malformed_signature", "empty"),
        ("signature-other-message", b64(ed_sign(TX_SEED, b"1767225600|{}")), "signature_mismatch",
         "a valid signature of another body"),
    ]:
        f.add(name, GEN + "; " + why, TX_PUB, dict(ka_h, **{"telnyx-signature-ed25519": value}),
              ka, now, err(code))
    for name, value, why in [
        ("timestamp-not-numeric", "yesterday", "not a number"),
        ("timestamp-decimal", "1767225600.0", "a decimal"),
        ("timestamp-empty", "", "empty"),
    ]:
        ts_sig = b64(ed_sign(TX_SEED, u8(value + "|") + ka))
        f.add(name, GEN + "; telnyx-timestamp " + why + " (signed over it)", TX_PUB,
              {"telnyx-signature-ed25519": ts_sig, "telnyx-timestamp": value}, ka, now,
              err("malformed_signature"))
    f.add("timestamp-changed", GEN + "; signed at 1767225600, the header says 1767225601",
          TX_PUB, dict(ka_h, **{"telnyx-timestamp": "1767225601"}), ka, now,
          err("signature_mismatch"))
    f.add("missing-signature-header", GEN + "; telnyx-timestamp alone", TX_PUB,
          {"telnyx-timestamp": "1767225600"}, ka, now, err("missing_signature"))
    f.add("missing-timestamp-header", GEN + "; telnyx-signature-ed25519 alone", TX_PUB,
          {"telnyx-signature-ed25519": TX_KA_SIG}, ka, now, err("missing_signature"))
    f.add("missing-both-headers", GEN, TX_PUB, {}, ka, now, err("missing_signature"))
    f.add("header-names-odd-case", GEN + "; header names are case-insensitive", TX_PUB,
          {"Telnyx-Signature-Ed25519": TX_KA_SIG, "TELNYX-TIMESTAMP": "1767225600"}, ka, now, ev,
          sign_extra=seed64)
    f.add("header-values-surrounding-whitespace", GEN + "; header values are trimmed", TX_PUB,
          {"telnyx-signature-ed25519": " " + TX_KA_SIG + " ", "telnyx-timestamp": " 1767225600"},
          ka, now, ev, sign_extra=seed64)
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", TX_PUB, ka_h,
          flip_bit(ka, ka.index(b"Hello")), now, err("signature_mismatch"))
    f.add("wrong-key", GEN + "; another account's public key", other_pub, ka_h, ka, now,
          err("signature_mismatch"))
    f.add("rotation-right-key-second", GEN + "; key list, any one matching", [other_pub, TX_PUB],
          ka_h, ka, now, ev, sign_extra=seed64)
    f.add("rotation-both-wrong", GEN, [other_pub, b64(ed_pub(hashlib.sha256(b"third").digest()))],
          ka_h, ka, now, err("signature_mismatch"))

    # Keys (SPEC 7.1: anything but base64 of a valid, not small-order point is invalid_secret)
    forged = b64(TX_IDENTITY + bytes(32))  # R = identity, S = 0: passes a cofactorless check
    for name, key, sig, why in [
        ("key-identity-point", b64(TX_IDENTITY), forged, "the identity point 0100..00 (order 1), "
         "with the signature R = identity, S = 0 that it 'verifies'"),
        ("key-order-2-point", b64(TX_ORDER_2), forged, "the point (0, -1) (order 2)"),
        ("key-not-a-curve-point", b64(TX_NOT_A_POINT), TX_KA_SIG, "y = %d has no x on the curve"
         % int.from_bytes(TX_NOT_A_POINT, "little")),
        ("key-31-bytes", b64(ed_pub(TX_SEED)[:31]), TX_KA_SIG, "base64 of 31 bytes"),
        ("key-33-bytes", b64(ed_pub(TX_SEED) + b"\x00"), TX_KA_SIG, "base64 of 33 bytes"),
        ("key-not-base64", "not a key!", TX_KA_SIG, "not base64"),
        ("key-as-hex", ed_pub(TX_SEED).hex(), TX_KA_SIG, "the key pasted as 64 hex digits (valid "
         "base64 of 48 bytes)"),
    ]:
        f.add(name, GEN + "; " + why, key, {"telnyx-signature-ed25519": sig,
                                            "telnyx-timestamp": "1767225600"}, ka, now,
              err("invalid_secret"))
    f.add("empty-secret", GEN, "", ka_h, ka, now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], ka_h, ka, now, err("invalid_secret"))

    # Body
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", TX_PUB, ka_h, ka,
          dict(now, maxBodyBytes=64), err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("empty-object-body", b"{}", "{}"),
        ("arbitrary-json-object", b'{"hello":"world","data":"x"}', "an arbitrary JSON object"),
        ("data-without-read-fields", b'{"data":{"record_type":"event"},"meta":{}}',
         "data without event_type, id, occurred_at or payload"),
        ("json-array-body", b"[]", "a JSON array"),
        ("non-utf8-body",
         b'{"data":{"event_type":"message.received","payload":{"text":"caf\xe9"}}}',
         "Latin-1 byte, not UTF-8"),
        ("bom-prefixed-body", BOM + ka, "a UTF-8 BOM before the known answer's body"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, TX_PUB, hdrs(b), b, now,
              err("malformed_payload"))
    return f


# ---------------------------------------------------------------------------------------------
# vonage (Messages API; SPEC 7; PROVIDERS-FIELD.md section 3)
# ---------------------------------------------------------------------------------------------

VN_KA_SECRET = "qwertyuiopasdfghjklzxcvbnm123456"  # vonage-python test_verify_jwt.py L5-7
VN_KA_TOKEN = ("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJPbmxpbmUgSldUIEJ1aWxkZXIiLCJpYXQi"
               "OjE2OTc2MzQ2ODAsImV4cCI6MzMyNTQ1NDA4MjgsImF1ZCI6IiIsInN1YiI6IiJ9.88vJc3I2HhuqEDixH"
               "XVhc9R30tA6U_HQHZTC29y6CGM")
VN_SECRET = "Xk9mQ2vR7tL4pW8zN3bF6hJ1sD5gY0cA"  # a signature secret's shape
VN_OTHER = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY"
VN_IAT = 1767225600
VN_NOW = VN_IAT * 1000
VN_JTI = "c5f1e8a2-7b3d-4e6f-9a0b-1c2d3e4f5a6b"
VN_INBOUND = ('{"channel":"sms","message_uuid":"52afe398-e31a-4362-8c42-beb0c3b1d098","to":'
              '"447700900000","from":"447700900001","timestamp":"2020-01-01T14:00:00.000Z","text":'
              '"Hello From Vonage!","sms":{"total_count":"2","num_messages":"2","keyword":"HELLO"},'
              '"usage":{"currency":"EUR","price":"0.0333"},"origin":{"network_code":"12345"}}')
VN_REJECTED = ('{"message_uuid":"aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab","to":"447700900000","from":'
               '"447700900001","timestamp":"2025-02-03T12:14:25Z","status":"rejected","channel":'
               '"sms","error":{"type":"https://developer.vonage.com/api-errors/messages#1000",'
               '"title":"1000","detail":"Throttled - You have exceeded the submission capacity '
               'allowed on this account. Please wait and retry","instance":'
               '"bf0ca0bf927b3b52e3cb03217e1a1ddf"}}')
VN_TYPES = {"submitted": "message.sent", "delivered": "message.delivered", "read": "receipt.read",
            "rejected": "message.failed", "undeliverable": "message.failed"}
VN_FIELDS = ("status", "message_uuid", "timestamp", "from", "to", "text", "error")


def vn_claims(iat=VN_IAT, jti=VN_JTI, body=None, iss="Vonage", payload_hash=None, **extra):
    """Claims as smshook's sign writes them: iat, jti, iss, payload_hash (None: omitted)."""
    d = {}
    for k, v in (("iat", iat), ("jti", jti), ("iss", iss),
                 ("payload_hash", payload_hash if payload_hash is not None else
                  (sha256_hex(body) if body is not None else None))):
        if v is not None:
            d[k] = v
    d.update(extra)
    return cjson(d)


def vn_party(v):
    if isinstance(v, dict):
        v = v.get("number") if v.get("number") is not None else v.get("id")
    return opt_str(v)


def vonage_normalize(body):
    obj = json.loads(body)
    status, uuid = opt_str(obj.get("status")), opt_str(obj.get("message_uuid"))
    if status is not None:
        t = VN_TYPES.get(status, "message.status")
    else:
        t = "message.received" if uuid is not None else "unknown"
    name = status if status is not None else ("inbound" if uuid is not None else "unknown")
    if status is not None and uuid is not None:
        id_ = uuid + ":" + status
    else:
        id_ = uuid if uuid else sha256_hex(body)
    error = None
    if t == "message.failed":
        e = obj.get("error") if isinstance(obj.get("error"), dict) else {}
        title = e.get("title")
        error = {"code": str(title) if isinstance(title, (str, int)) and not isinstance(title, bool)
                 else None, "message": opt_str(e.get("detail"))}
    return event("vonage", t, name, id_, opt_time_iso(obj.get("timestamp")), uuid,
                 vn_party(obj.get("from")), vn_party(obj.get("to")), opt_str(obj.get("text")),
                 error)


def vonage_verify(c, body):
    secrets = ref_secrets(c["secret"])
    ref_limit(body, c["options"])
    opts = c["options"]
    h = lower_headers(c["headers"])
    auth = h.get("authorization")
    if auth is None:
        raise Refused("missing_signature")
    token = bearer_token(auth)
    if token is None or len(token) > 8192:
        raise Refused("malformed_signature")
    parts = jwt_parts(token)
    sig = b64u_strict(token.split(".")[2]) if parts is not None else None
    if parts is None or sig is None:
        raise Refused("malformed_signature")
    header, claims = parts
    if header.get("alg") != "HS256":
        raise Refused("algorithm_not_allowed")
    if "typ" in header and header["typ"] != "JWT":
        raise Refused("malformed_signature")
    signing_input = u8(token.rpartition(".")[0])
    if not any(hmac.compare_digest(hmac.new(u8(s), signing_input, hashlib.sha256).digest(), sig)
               for s in secrets):
        raise Refused("signature_mismatch")
    ph = claims.get("payload_hash")
    if ph is None:
        if body:
            raise Refused("claim_mismatch")
    elif not isinstance(ph, str) or ph.lower() != sha256_hex(body):
        raise Refused("signature_mismatch")
    iat = claims.get("iat")
    if claims.get("iss") != "Vonage" or not isinstance(iat, int) or isinstance(iat, bool):
        raise Refused("claim_mismatch")
    tol = opts.get("toleranceSeconds", 300) * 1000
    leeway = opts.get("leewaySeconds", 60)
    now = opts["now"]
    if now - iat * 1000 > tol:
        raise Refused("token_expired")
    if iat * 1000 - now > tol:
        raise Refused("token_not_yet_valid")
    if isinstance(claims.get("exp"), int) and now >= (claims["exp"] + leeway) * 1000:
        raise Refused("token_expired")
    if isinstance(claims.get("nbf"), int) and now < (claims["nbf"] - leeway) * 1000:
        raise Refused("token_not_yet_valid")
    obj = json_object(body)
    if not any(k in obj for k in VN_FIELDS):
        raise Refused("malformed_payload")
    ev = vonage_normalize(body)
    ev["data"] = obj
    return ev


def vonage_sign(secret, body, options, headers, args=None):
    """What smshook's sign writes: HS256, claims exactly iat, jti, iss, payload_hash."""
    if args.get("id") is None:
        return None  # sign would mint a fresh jti
    claims = vn_claims(args["now"] // 1000, args["id"], body)
    return {"Authorization": "Bearer " + jwt(claims, key=secret)}


def vn_status(uuid, status, ts, **extra):
    d = {"message_uuid": uuid, "to": "447700900000", "from": "447700900001", "timestamp": ts,
         "status": status, "channel": "sms"}
    d.update(extra)
    return u8(cjson(d))


def build_vonage():
    f = File("vonage", "PROVIDERS-FIELD.md section 3 (Vonage signed webhooks [DOC]; "
             "vonage-node-sdk babd2d8c, vonage-python-sdk b308cb1e and SDK fixtures) and SPEC "
             "section 7; tokens by generate.py (Python hmac, base64url)", vonage_sign,
             {"Authorization"}, verifier=vonage_verify)
    now = {"now": VN_NOW}
    src3 = "PROVIDERS-FIELD.md section 3"
    gen3 = GEN + " JWT (iat = now) over a " + src3 + " payload"

    def bearer(claims, key=VN_SECRET, header_json=JWT_HEADER, digest=hashlib.sha256,
               scheme="Bearer "):
        return {"Authorization": scheme + jwt(claims, key=key, header_json=header_json,
                                              digest=digest)}

    def signed(name, source, body, claims=None, options=None, expect=None, **kw):
        return f.add(name, source, VN_SECRET, bearer(claims or vn_claims(body=body)), body,
                     options or now, expect if expect is not None else ok(vonage_normalize(body)),
                     **kw)

    inbound = u8(VN_INBOUND)
    c = signed("inbound-sms-example", src3 + " inbound SMS (Java InboundMessage.java, .NET "
               "fixture), verbatim; token by generate.py", inbound, sign_matches=True)
    assert c["expect"]["event"] == event(
        "vonage", "message.received", "inbound", "52afe398-e31a-4362-8c42-beb0c3b1d098",
        "2020-01-01T14:00:00.000Z", "52afe398-e31a-4362-8c42-beb0c3b1d098", "447700900001",
        "447700900000", "Hello From Vonage!", None)
    assert c["sign"] == {"now": VN_NOW, "id": VN_JTI}
    rejected = u8(VN_REJECTED)
    c = signed("status-rejected-example", src3 + " example rejected [CONSTRUCTED on the SRC "
               "fields], verbatim", rejected, sign_matches=True)
    assert c["expect"]["event"] == event(
        "vonage", "message.failed", "rejected", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab:rejected",
        "2025-02-03T12:14:25.000Z", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab", "447700900001",
        "447700900000", None, {"code": "1000", "message": "Throttled - You have exceeded the "
                               "submission capacity allowed on this account. Please wait and "
                               "retry"})
    for i, st in enumerate(("submitted", "delivered", "read", "rejected", "undeliverable",
                            "accepted")):
        extra = {}
        if st == "undeliverable":
            extra = {"error": {"type": "https://developer.vonage.com/api-errors/messages#1320",
                               "title": 1320, "detail": "Message failed because the number is "
                               "unreachable", "instance": "bf0ca0bf-927b-3b52-e3cb-03217e1a1dd0"}}
        if st == "submitted":
            extra = {"usage": {"currency": "EUR", "price": "0.0333"}, "client_ref": "order-42"}
        b = vn_status("bbbbbbbb-0000-4ccc-8ddd-%012x" % i, st, "2026-01-01T00:00:0%d.%03dZ" % (
            i, i * 111), **extra)
        c = signed("status-" + st, gen3 + "; status " + st + (" (not in SPEC 7.3: message.status)"
                                                              if st == "accepted" else ""),
                   b, sign_matches=True)
        e = c["expect"]["event"]
        assert e["type"] == VN_TYPES.get(st, "message.status")
        assert e["id"] == "bbbbbbbb-0000-4ccc-8ddd-%012x:%s" % (i, st)
        if st == "undeliverable":
            assert e["error"] == {"code": "1320", "message": "Message failed because the number is "
                                  "unreachable"}
    b = vn_status("bbbbbbbb-1111-4ccc-8ddd-000000000001", "undeliverable",
                  "2026-01-01T00:00:09+01:00")
    c = signed("status-undeliverable-without-error", gen3 + "; a failure without an error object: "
               "error {code: null, message: null}; a timestamp with an offset", b,
               sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": None, "message": None}
    assert c["expect"]["event"]["occurredAt"] == "2025-12-31T23:00:09.000Z"
    objs = u8(cjson({"message_uuid": "cccccccc-0000-4ccc-8ddd-000000000001",
                     "to": {"type": "messenger", "id": "0123456789"},
                     "from": {"type": "sms", "number": "447700900001"},
                     "timestamp": "2026-01-01T00:00:00.500Z", "status": "delivered",
                     "channel": "messenger"}))
    c = signed("from-to-objects", gen3 + "; from {number}, to {id} (objects: number, else id)",
               objs, sign_matches=True)
    assert (c["expect"]["event"]["from"], c["expect"]["event"]["to"]) == ("447700900001",
                                                                        "0123456789")
    utf = u8(cjson({"channel": "whatsapp", "message_uuid": "dddddddd-0000-4ccc-8ddd-000000000001",
                    "to": "447700900000", "from": "33612345678",
                    "timestamp": "2026-01-01T00:00:00.000Z", "message_type": "text",
                    "text": NON_ASCII_TEXT, "profile": {"name": "Zoë"}}))
    signed("inbound-non-ascii-text", gen3 + "; emoji, accents, CJK as raw UTF-8", utf,
           sign_matches=True)
    unk = u8(cjson({"channel": "sms", "to": "447700900000", "from": "447700900001",
                    "timestamp": "2026-01-01T00:00:00.000Z"}))
    c = signed("no-status-no-uuid-is-unknown", gen3 + "; from/to/timestamp but no status and no "
               "message_uuid: unknown, providerEvent unknown, id the body hash", unk,
               sign_matches=True)
    assert c["expect"]["event"]["id"] == sha256_hex(unk)

    ev = ok(vonage_normalize(inbound))
    g = GEN
    f.add("real-token-shape-extra-claims", g + "; api_key and application_id claims as Vonage "
          "sends them", VN_SECRET, bearer(vn_claims(body=inbound, api_key="abcd1234",
                                                    application_id="aaaaaaaa-bbbb-cccc-dddd-"
                                                    "0123456789ab")), inbound, now, ev)
    f.add("token-without-jti", g + "; jti is not required", VN_SECRET,
          bearer(vn_claims(jti=None, body=inbound)), inbound, now, ev)
    f.add("payload-hash-uppercase", g + "; payload_hash in upper-case hex", VN_SECRET,
          bearer(vn_claims(payload_hash=sha256_hex(inbound).upper())), inbound, now, ev)
    f.add("bearer-scheme-lowercase", g + "; the scheme name is case-insensitive", VN_SECRET,
          bearer(vn_claims(body=inbound), scheme="bearer "), inbound, now, ev)
    f.add("header-name-lowercase", g, VN_SECRET,
          {"authorization": bearer(vn_claims(body=inbound))["Authorization"]}, inbound, now, ev)
    f.add("jwt-without-typ", g + "; typ is optional", VN_SECRET,
          bearer(vn_claims(body=inbound), header_json='{"alg":"HS256"}'), inbound, now, ev)
    f.add("rotation-right-secret-second", g + "; secret list", [VN_OTHER, VN_SECRET],
          bearer(vn_claims(body=inbound)), inbound, now, ev)

    # The known token (valid HS256, not Vonage's claims)
    f.add("known-token-not-vonage-claims", src3 + " known answer (vonage-python "
          "jwt/tests/test_verify_jwt.py L5-7): a valid HS256 signature, but iss 'Online JWT "
          "Builder' and no payload_hash; body: the inbound example", VN_KA_SECRET,
          {"Authorization": "Bearer " + VN_KA_TOKEN}, inbound, {"now": 1697634680000},
          err("claim_mismatch"))
    ka_h, ka_c, _ = VN_KA_TOKEN.split(".")
    assert jwt(b64u_strict(ka_c).decode(), key=VN_KA_SECRET,
               header_json=b64u_strict(ka_h).decode()) == VN_KA_TOKEN
    f.add("known-token-wrong-secret", src3 + " known token verified with another secret",
          VN_SECRET, {"Authorization": "Bearer " + VN_KA_TOKEN}, inbound,
          {"now": 1697634680000}, err("signature_mismatch"))

    # Claims and the body binding
    for name, claims, code, why in [
        ("payload-hash-missing", vn_claims(), "claim_mismatch", "no payload_hash, non-empty body"),
        ("payload-hash-wrong", vn_claims(body=b"{}"), "signature_mismatch", "payload_hash of "
         "another body"),
        ("iss-wrong", vn_claims(body=inbound, iss="Nexmo"), "claim_mismatch", "iss 'Nexmo'"),
        ("iss-missing", cjson({"iat": VN_IAT, "jti": VN_JTI,
                               "payload_hash": sha256_hex(inbound)}), "claim_mismatch",
         "no iss"),
        ("iat-missing", cjson({"jti": VN_JTI, "iss": "Vonage",
                               "payload_hash": sha256_hex(inbound)}), "claim_mismatch",
         "no iat"),
    ]:
        f.add(name, g + "; correctly signed, " + why, VN_SECRET, bearer(claims), inbound, now,
              err(code))
    f.add("body-one-byte-flipped", g + "; signed, then one body byte flipped: payload_hash no "
          "longer matches", VN_SECRET, bearer(vn_claims(body=inbound)),
          flip_bit(inbound, inbound.index(b"Hello From")), now, err("signature_mismatch"))
    f.add("empty-body-without-payload-hash", g + "; an empty body needs no payload_hash (SPEC "
          "7.2), then '' is not a payload", VN_SECRET, bearer(vn_claims()), b"", now,
          err("malformed_payload"))

    # Time: iat within the tolerance (no leeway), exp and nbf with the leeway when present
    tok = bearer(vn_claims(body=inbound))
    for name, now_ms, expect in [
        ("iat-old-by-exactly-300-s", (VN_IAT + 300) * 1000, ev),
        ("iat-stale-by-301-s", (VN_IAT + 301) * 1000, err("token_expired")),
        ("iat-future-by-exactly-300-s", (VN_IAT - 300) * 1000, ev),
        ("iat-future-by-301-s", (VN_IAT - 301) * 1000, err("token_not_yet_valid")),
        ("iat-stale-by-a-day", (VN_IAT + 86400) * 1000, err("token_expired")),
    ]:
        f.add(name, g + "; iat tolerance 300 s two-sided, inclusive", VN_SECRET, tok, inbound,
              {"now": now_ms}, expect, sign_matches=True if "event" in expect else None)
    f.add("iat-tolerance-option-10s", g + "; toleranceSeconds 10", VN_SECRET, tok, inbound,
          {"now": (VN_IAT + 11) * 1000, "toleranceSeconds": 10}, err("token_expired"))
    exp_tok = bearer(vn_claims(body=inbound, exp=VN_IAT + 30))
    for name, now_ms, expect in [
        ("exp-past-beyond-leeway", (VN_IAT + 120) * 1000, err("token_expired")),
        ("exp-at-leeway-bound", (VN_IAT + 90) * 1000, err("token_expired")),
        ("exp-within-leeway-ok", (VN_IAT + 89) * 1000, ev),
    ]:
        f.add(name, g + "; exp = iat + 30, leeway 60 s (expired from exp + leeway on, as for "
              "httpsms)", VN_SECRET, exp_tok, inbound, {"now": now_ms}, expect)
    nbf_tok = bearer(vn_claims(body=inbound, nbf=VN_IAT + 120))
    f.add("nbf-future-beyond-leeway", g + "; nbf = iat + 120, now = iat + 59", VN_SECRET, nbf_tok,
          inbound, {"now": (VN_IAT + 59) * 1000}, err("token_not_yet_valid"))
    f.add("nbf-at-leeway-ok", g + "; nbf = iat + 120, now = nbf - 60", VN_SECRET, nbf_tok,
          inbound, {"now": (VN_IAT + 60) * 1000}, ev)
    f.add("stale-and-wrong-secret", g + "; the signature is checked before the time", VN_SECRET,
          bearer(vn_claims(body=inbound), key=VN_OTHER), inbound, {"now": (VN_IAT + 3600) * 1000},
          err("signature_mismatch"))

    # Algorithms and token shape (SPEC section 1's JWT rules)
    claims = vn_claims(body=inbound)
    none_in = b64u(u8('{"alg":"none","typ":"JWT"}')) + "." + b64u(u8(claims))
    for name, header, value, code, why in [
        ("alg-none", None, "Bearer " + none_in + ".", "algorithm_not_allowed", "alg none, empty "
         "signature"),
        ("alg-hs512", '{"alg":"HS512","typ":"JWT"}', None, "algorithm_not_allowed", "HS512 "
         "signed with HMAC-SHA512"),
        ("alg-rs256", '{"alg":"RS256","typ":"JWT"}', None, "algorithm_not_allowed", "RS256 "
         "(which the Vonage SDK accepts) with an HMAC signature"),
        ("typ-not-jwt", '{"alg":"HS256","typ":"JWS"}', None, "malformed_signature", "typ JWS"),
    ]:
        if value is None:
            digest = hashlib.sha512 if "HS512" in header else hashlib.sha256
            value = bearer(claims, header_json=header, digest=digest)["Authorization"]
        f.add(name, g + "; " + why, VN_SECRET, {"Authorization": value}, inbound, now, err(code))
    good = tok["Authorization"][len("Bearer "):]
    h64, c64, s64 = good.split(".")
    short = b64u(hmac.new(u8(VN_SECRET), u8(h64 + "." + c64), hashlib.sha256).digest()[:31])
    big = jwt(vn_claims(body=inbound, pad="x" * 9000), key=VN_SECRET)
    for name, value, code, why in [
        ("wrong-secret", None, "signature_mismatch", "signed with another secret"),
        ("tampered-claims", h64 + "." + b64u(u8(vn_claims(iat=VN_IAT + 100, body=inbound))) +
         "." + s64, "signature_mismatch", "iat changed without re-signing"),
        ("signature-31-bytes", h64 + "." + c64 + "." + short, "signature_mismatch",
         "a signature segment of 31 bytes"),
        ("signature-not-base64url", h64 + "." + c64 + "." + s64[:-3] + "*!$",
         "malformed_signature", "characters outside base64url"),
        ("two-segments", h64 + "." + c64, "malformed_signature", "two segments"),
        ("padded-segment", good + "=", "malformed_signature", "'=' padding"),
        ("oversize-token", big, "malformed_signature", "a correctly signed token over 8 KiB"),
    ]:
        if value is None:
            value = jwt(claims, key=VN_OTHER)
        f.add(name, g + "; " + why, VN_SECRET, {"Authorization": "Bearer " + value}, inbound, now,
              err(code))
    for name, value, code in [
        ("basic-scheme", "Basic dXNlcjpwYXNz", "malformed_signature"),
        ("bearer-without-token", "Bearer", "malformed_signature"),
        ("token-without-scheme", good, "malformed_signature"),
        ("authorization-empty", "", "malformed_signature"),
    ]:
        f.add(name, g, VN_SECRET, {"Authorization": value}, inbound, now, err(code))
    f.add("missing-authorization", g + "; Vonage has no unsigned mode", VN_SECRET, {}, inbound,
          now, err("missing_signature"))

    # Body
    f.add("body-too-large", g + "; valid token, maxBodyBytes 64", VN_SECRET, tok, inbound,
          dict(now, maxBodyBytes=64), err("body_too_large"))
    for name, b, why in [
        ("empty-object-body", b"{}", "{}"),
        ("arbitrary-json-object", b'{"hello":"world"}', "an arbitrary JSON object"),
        ("json-array-body", b"[]", "a JSON array"),
        ("non-utf8-body", b'{"message_uuid":"x","text":"caf\xe9"}', "Latin-1 byte, not UTF-8"),
        ("bom-prefixed-body", BOM + inbound, "a UTF-8 BOM before the inbound example"),
        ("empty-body-with-payload-hash", b"", "an empty body with its payload_hash"),
    ]:
        f.add(name, g + "; valid token with the body's payload_hash, " + why, VN_SECRET,
              bearer(vn_claims(body=b)), b, now, err("malformed_payload"))
    f.add("empty-secret", g, "", tok, inbound, now, err("invalid_secret"))
    f.add("empty-secret-list", g, [], tok, inbound, now, err("invalid_secret"))
    return f


# ---------------------------------------------------------------------------------------------
# plivo (SPEC 7; PROVIDERS-FIELD.md section 4)
# ---------------------------------------------------------------------------------------------

PL_KA_TOKEN = "my_auth_token"
PL_KA_URL = "https://example.com/plivo/sms"
PL_KA_PARAMS = [("From", "14155551234"), ("To", "14155550000"), ("Text", "Hello"),
                ("MessageUUID", "abc-123")]
PL_KA_NONCE = "12345"
PL_KA_STRING = ("https://example.com/plivo/sms?From14155551234MessageUUIDabc-123TextHelloTo"
                "14155550000.12345")
PL_KA_SIG = "WWjk9Kw6+KUdbIYyRF/ecaLXmHHuMLVvU4G+NDmCYzU="
PL_KA_SIG_QUERY = "fPrUWsH5R3o3DwcoUHxSPygNOGQZLxDPEWEswBaBdi4="
PL_SECRET = "ZTk0NmM5MTFiNDdhYjQ0ZjRiZDY1YzE3MmUwNmI0"  # an auth token's shape (40 characters)
PL_OTHER = "MDFmOGQyYjc0YTNlNWM2OTE4ZDBiN2E1ZjRjM2Uy"
PL_NOW = 1767225600000  # Plivo signs no time: any now
PL_URL = "https://example.com/webhooks/plivo"
PL_NONCE = "05429567804466091622"
PL_DELIVERED = ("MessageUUID=db3ce55a-7f1d-11e1-8ea7-1231380bc196&To=14155550111&From=14155550100"
                "&Type=sms&Status=delivered&Units=1&TotalRate=0.0050&TotalAmount=0.0050&MCC=310"
                "&MNC=260&ErrorCode=&ParentMessageUUID=db3ce55a-7f1d-11e1-8ea7-1231380bc196"
                "&PartInfo=&Sequence=3&MessageTime=2025-01-01+12%3A00%3A00.123456"
                "&DeliveryReportTime=2025-01-01+12%3A00%3A05.456789&PowerpackUUID=")
PL_TYPES = {"sent": "message.sent", "delivered": "message.delivered", "failed": "message.failed",
            "undelivered": "message.failed", "rejected": "message.failed", "read": "receipt.read"}
PL_FIELDS = ("Status", "MessageUUID", "From", "To", "Text", "Body", "ErrorCode")


def plivo_string(url, pairs, nonce):
    """SPEC 7.2 / PROVIDERS-FIELD.md section 4 (plivo-python signature_v3.py, plivo-node
    v3Security.js): the URL without its query; '?' + the query's percent-decoded name=value
    pairs sorted ('+' is a space, as parse_qs and querystring.parse read it; a repeated query
    name: its values sorted, as both SDKs do) joined with '&'; then '.' or '?' and each POST
    parameter as namevalue, names sorted; then '.' and the nonce."""
    base, _, query = url.partition("?")
    q = {}
    for piece in query.split("&") if query else []:
        if piece:
            k, _, v = piece.partition("=")
            q.setdefault(_form_unescape(u8(k)), []).append(_form_unescape(u8(v)))
    qs = "&".join(k + "=" + v for k in sorted(q, key=utf16_key)
                  for v in sorted(q[k], key=utf16_key))
    s = base + ("?" + qs if qs else "")
    if pairs:
        assert len({k for k, _ in pairs}) == len(pairs), "no case repeats a Plivo parameter"
        s += ("." if qs else "?") + "".join(k + v for k, v in sorted(pairs,
                                                                    key=lambda p: utf16_key(p[0])))
    return s + "." + nonce


assert plivo_string(PL_KA_URL, PL_KA_PARAMS, PL_KA_NONCE) == PL_KA_STRING


def plivo_mac(key, url, pairs, nonce):
    return b64(hmac.new(u8(key), u8(plivo_string(url, pairs, nonce)), hashlib.sha256).digest())


def plivo_normalize(params, body):
    def get(k):
        return opt_str(params.get(k))

    status, uuid = get("Status"), get("MessageUUID")
    if status is not None:
        t = PL_TYPES.get(status, "message.status")
    else:
        t = "message.received" if uuid is not None else "unknown"
    name = status if status is not None else ("inbound" if uuid is not None else "unknown")
    if status is not None and uuid is not None:
        id_ = uuid + ":" + status
    else:
        id_ = uuid if uuid else sha256_hex(body)
    error = {"code": get("ErrorCode"), "message": None} if t == "message.failed" else None
    text = get("Text") if get("Text") is not None else get("Body")
    return event("plivo", t, name, id_, None, uuid, get("From"), get("To"), text, error)


def plivo_verify(c, body):
    secrets = ref_secrets(c["secret"])
    ref_limit(body, c["options"])
    pairs = form_decode(body)
    h = lower_headers(c["headers"])
    sig, nonce = h.get("x-plivo-signature-v3"), h.get("x-plivo-signature-v3-nonce")
    if sig is None or nonce is None:
        raise Refused("missing_signature")
    if not nonce:
        raise Refused("malformed_signature")
    readable = [r for r in (b64_strict(e) for e in sig.split(",")) if r is not None]
    if not readable:
        raise Refused("malformed_signature")
    macs = [hmac.new(u8(s), u8(plivo_string(c["url"], pairs, nonce)), hashlib.sha256).digest()
            for s in secrets]
    if not any(hmac.compare_digest(m, r) for m in macs for r in readable):
        raise Refused("signature_mismatch")
    params = form_data(pairs)
    if not any(k in params for k in PL_FIELDS):
        raise Refused("malformed_payload")
    ev = plivo_normalize(params, body)
    ev["data"] = params
    return ev


def plivo_sign(secret, body, options, headers, args=None):
    """What smshook's sign writes: one V3 signature and its nonce."""
    return {"X-Plivo-Signature-V3": plivo_mac(secret, args["url"], form_decode(body),
                                              args["nonce"]),
            "X-Plivo-Signature-V3-Nonce": args["nonce"]}


def build_plivo():
    f = File("plivo", "PROVIDERS-FIELD.md section 4 (plivo-python a0cd3237 signature_v3.py, "
             "plivo-node 4889b056 v3Security.js) and SPEC section 7; signatures by generate.py "
             "(Python hmac)", plivo_sign, {"X-Plivo-Signature-V3", "X-Plivo-Signature-V3-Nonce"},
             verifier=plivo_verify)
    now = {"now": PL_NOW}
    src4 = "PROVIDERS-FIELD.md section 4"
    gen4 = GEN + " over a " + src4 + " field list"

    def ev(body):
        params = form_data(form_decode(body))
        return ok(dict(plivo_normalize(params, body), data=params))

    def hdrs(body, url=PL_URL, nonce=PL_NONCE, secret=PL_SECRET):
        return {"X-Plivo-Signature-V3": plivo_mac(secret, url, form_decode(body), nonce),
                "X-Plivo-Signature-V3-Nonce": nonce}

    def signed(name, source, pairs_or_body, url=PL_URL, expect=None, **kw):
        body = pairs_or_body if isinstance(pairs_or_body, bytes) else form_encode(pairs_or_body)
        return f.add(name, source, PL_SECRET, hdrs(body, url), body, now,
                     expect if expect is not None else ev(body), url=url, **kw)

    srcka = src4 + " worked string [COMPUTED by running the SDK's own function], verbatim"
    ka = form_encode(PL_KA_PARAMS)
    assert plivo_mac(PL_KA_TOKEN, PL_KA_URL, PL_KA_PARAMS, PL_KA_NONCE) == PL_KA_SIG
    c = f.add("known-answer-post-verbatim", srcka + "; token my_auth_token, nonce 12345",
              PL_KA_TOKEN, {"X-Plivo-Signature-V3": PL_KA_SIG,
                            "X-Plivo-Signature-V3-Nonce": PL_KA_NONCE}, ka, now, ev(ka),
              url=PL_KA_URL, sign_matches=True)
    assert c["expect"]["event"] == dict(event(
        "plivo", "message.received", "inbound", "abc-123", None, "abc-123", "14155551234",
        "14155550000", "Hello", None), data=dict(PL_KA_PARAMS))
    qurl = PL_KA_URL + "?b=2&a=1"
    assert plivo_string(qurl, PL_KA_PARAMS, PL_KA_NONCE) == PL_KA_STRING.replace(
        "/sms?", "/sms?a=1&b=2.")
    assert plivo_mac(PL_KA_TOKEN, qurl, PL_KA_PARAMS, PL_KA_NONCE) == PL_KA_SIG_QUERY
    f.add("known-answer-query-verbatim", srcka + "; the same with ?b=2&a=1 (pairs sorted)",
          PL_KA_TOKEN, {"X-Plivo-Signature-V3": PL_KA_SIG_QUERY,
                        "X-Plivo-Signature-V3-Nonce": PL_KA_NONCE}, ka, now, ev(ka), url=qurl,
          sign_matches=True)
    f.add("known-answer-query-url-reordered", srcka + "; the request URL says ?a=1&b=2: the pairs "
          "are sorted, so the order does not matter", PL_KA_TOKEN,
          {"X-Plivo-Signature-V3": PL_KA_SIG_QUERY, "X-Plivo-Signature-V3-Nonce": PL_KA_NONCE},
          ka, now, ev(ka), url=PL_KA_URL + "?a=1&b=2", sign_matches=True)

    dl = u8(PL_DELIVERED)
    c = signed("status-delivered-example", src4 + " example delivered [CONSTRUCTED], verbatim; "
               "signed by generate.py", dl, sign_matches=True)
    assert c["expect"]["event"] == dict(event(
        "plivo", "message.delivered", "delivered", "db3ce55a-7f1d-11e1-8ea7-1231380bc196:delivered",
        None, "db3ce55a-7f1d-11e1-8ea7-1231380bc196", "14155550100", "14155550111", None, None),
        data=c["expect"]["event"]["data"])
    assert c["expect"]["event"]["data"]["ErrorCode"] == ""
    assert c["expect"]["event"]["data"]["MessageTime"] == "2025-01-01 12:00:00.123456"

    def status(uuid, st, **extra):
        pairs = [("MessageUUID", uuid), ("To", "14155550111"), ("From", "14155550100"),
                 ("Type", "sms"), ("Status", st), ("Units", "1"), ("TotalRate", "0.0050"),
                 ("TotalAmount", "0.0050"), ("MCC", "310"), ("MNC", "260"),
                 ("ParentMessageUUID", uuid), ("PartInfo", ""), ("Sequence", "1"),
                 ("MessageTime", "2026-01-01 00:00:00.000000")]
        return pairs + list(extra.items())

    for i, st in enumerate(("queued", "sent", "failed", "delivered", "undelivered", "read",
                            "rejected")):
        uuid = "ec4d%04x-7f1d-11e1-8ea7-1231380bc196" % i
        extra = {"ErrorCode": "%d" % (200 + i)} if PL_TYPES.get(st) == "message.failed" else \
            {"ErrorCode": ""}
        c = signed("status-" + st, gen4 + "; Status " + st, status(uuid, st, **extra),
                   sign_matches=True)
        e = c["expect"]["event"]
        assert e["id"] == uuid + ":" + st and e["type"] == PL_TYPES.get(st, "message.status")
        if e["type"] == "message.failed":
            assert e["error"] == {"code": "%d" % (200 + i), "message": None}
    c = signed("status-failed-empty-error-code", gen4 + "; ErrorCode= on a failure: the code is "
               "'' (form values are kept as sent)",
               status("ec4dffff-7f1d-11e1-8ea7-1231380bc196", "failed", ErrorCode=""),
               sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": "", "message": None}
    c = signed("status-failed-without-error-code", gen4 + "; no ErrorCode: code null",
               status("ec4dfffe-7f1d-11e1-8ea7-1231380bc196", "undelivered"), sign_matches=True)
    assert c["expect"]["event"]["error"] == {"code": None, "message": None}
    c = signed("status-unlisted-value", gen4 + "; a Status outside SPEC 7.3: message.status",
               status("ec4dfffd-7f1d-11e1-8ea7-1231380bc196", "expired"), sign_matches=True)
    assert c["expect"]["event"]["type"] == "message.status"

    def inbound(uuid, text, **extra):
        pairs = [("From", "14155551234"), ("To", "14155550000"), ("Type", "sms"),
                 ("Text", text), ("Units", "1"), ("TotalRate", "0"), ("TotalAmount", "0"),
                 ("MessageUUID", uuid), ("MessageIntent", ""), ("PowerpackUUID", "")]
        return pairs + list(extra.items())

    signed("inbound-sms", gen4 + "; inbound SMS (Text)",
           inbound("fd5e0001-7f1d-11e1-8ea7-1231380bc196", "Hi there"), sign_matches=True)
    mms = [("From", "14155551234"), ("To", "14155550000"), ("Type", "mms"),
           ("Body", "Look at this"), ("MessageUUID", "fd5e0002-7f1d-11e1-8ea7-1231380bc196"),
           ("MediaCount", "1"), ("Media0", "https://media.plivo.com/Account/MA/Media/1.jpg"),
           ("Units", "1"), ("TotalRate", "0"), ("TotalAmount", "0")]
    c = signed("inbound-mms-body", gen4 + "; inbound MMS: no Text, the text is Body", mms,
               sign_matches=True)
    assert c["expect"]["event"]["text"] == "Look at this"
    c = signed("inbound-non-ascii-text", gen4 + "; emoji, accents, CJK percent-encoded as UTF-8",
               inbound("fd5e0003-7f1d-11e1-8ea7-1231380bc196", NON_ASCII_TEXT),
               sign_matches=True)
    assert c["expect"]["event"]["text"] == NON_ASCII_TEXT
    c = signed("inbound-optout-intent", gen4 + "; MessageIntent=optout (kept in data)",
               inbound("fd5e0004-7f1d-11e1-8ea7-1231380bc196", "STOP")[:8]
               + [("MessageIntent", "optout")], sign_matches=True)
    assert c["expect"]["event"]["data"]["MessageIntent"] == "optout"
    noid = form_encode([("From", "14155551234"), ("To", "14155550000")])
    c = signed("no-uuid-no-status-is-unknown", GEN + "; From/To only: unknown, providerEvent "
               "unknown, id the body hash", noid, sign_matches=True)
    assert c["expect"]["event"]["id"] == sha256_hex(noid)

    # URLs with queries (percent-decoded, sorted)
    rx = form_encode(inbound("fd5e0005-7f1d-11e1-8ea7-1231380bc196", "Query test"))
    rxev = ev(rx)
    gq = GEN + "; " + src4 + " V3 string with a query"
    for name, url, want, why in [
        ("query-percent-decoded", PL_URL + "?tenant=acme%20corp&from=docs%2Fsms",
         PL_URL + "?from=docs/sms&tenant=acme corp.", "%20 and %2F decoded in the signed string"),
        ("query-plus-is-space", PL_URL + "?q=a+b", PL_URL + "?q=a b.", "'+' read as a space"),
        ("query-repeated-name-values-sorted", PL_URL + "?x=2&x=1", PL_URL + "?x=1&x=2.",
         "a repeated name: its values sorted (both SDKs)"),
        ("query-non-ascii", PL_URL + "?name=J%C3%B6rg", PL_URL + "?name=Jörg.",
         "UTF-8 percent-decoded"),
    ]:
        assert plivo_string(url, form_decode(rx), PL_NONCE).startswith(want), name
        signed(name, gq + ": " + why, rx, url=url, sign_matches=True)
    f.add("query-changed", gq + "; signed with ?tenant=acme, verified with ?tenant=other",
          PL_SECRET, hdrs(rx, PL_URL + "?tenant=acme"), rx, now, err("signature_mismatch"),
          url=PL_URL + "?tenant=other")
    f.add("url-path-changed", GEN + "; signed for another path", PL_SECRET,
          hdrs(rx, "https://example.com/webhooks/other"), rx, now, err("signature_mismatch"),
          url=PL_URL)
    f.add("url-https-signed-http-verified", GEN + "; a proxy turned https into http", PL_SECRET,
          hdrs(rx), rx, now, err("signature_mismatch"), url=PL_URL.replace("https:", "http:"))

    # Several signatures in one header
    good = hdrs(rx)
    sigv = good["X-Plivo-Signature-V3"]
    wrong = plivo_mac(PL_OTHER, PL_URL, form_decode(rx), PL_NONCE)
    gm = GEN + "; comma-separated signatures (" + src4 + ": any may match)"
    for name, value, expect, why in [
        ("signatures-right-second", wrong + "," + sigv, rxev, "a wrong one, then the right one"),
        ("signatures-right-first", sigv + "," + wrong, rxev, "the right one first"),
        ("signatures-unreadable-entry-skipped", "not base64!," + sigv, rxev, "an unreadable entry "
         "is skipped when another matches"),
        ("signatures-trailing-comma", sigv + ",", rxev, "a trailing empty entry is skipped"),
        ("signatures-all-unreadable", "not base64!,***", err("malformed_signature"),
         "every entry unreadable"),
        ("signatures-none-matching", wrong + "," + plivo_mac(PL_SECRET, PL_URL, form_decode(rx),
                                                              "other"),
         err("signature_mismatch"), "two readable entries, neither matching"),
        ("signatures-unreadable-and-wrong", "not base64!," + wrong, err("signature_mismatch"),
         "an unreadable entry and a readable wrong one: mismatch (the readable one was "
         "checked)"),
    ]:
        f.add(name, gm + "; " + why, PL_SECRET, dict(good, **{"X-Plivo-Signature-V3": value}), rx,
              now, expect, url=PL_URL)

    # Headers and secrets
    f.add("nonce-changed", GEN + "; signed with nonce %s, the header says another" % PL_NONCE,
          PL_SECRET, dict(good, **{"X-Plivo-Signature-V3-Nonce": "05429567804466091623"}), rx,
          now, err("signature_mismatch"), url=PL_URL)
    f.add("missing-signature-header", GEN + "; the nonce alone", PL_SECRET,
          {"X-Plivo-Signature-V3-Nonce": PL_NONCE}, rx, now, err("missing_signature"), url=PL_URL)
    f.add("missing-nonce-header", GEN + "; the signature alone", PL_SECRET,
          {"X-Plivo-Signature-V3": sigv}, rx, now, err("missing_signature"), url=PL_URL)
    raw = base64.b64decode(sigv)
    for name, h, code, why in [
        ("signature-empty", {"X-Plivo-Signature-V3": ""}, "malformed_signature", "empty"),
        ("nonce-empty", {"X-Plivo-Signature-V3-Nonce": ""}, "malformed_signature", "an empty "
         "nonce"),
        ("signature-not-base64", {"X-Plivo-Signature-V3": sigv[:-4] + "*!?="},
         "malformed_signature", "characters outside base64"),
        ("signature-unpadded-base64", {"X-Plivo-Signature-V3": sigv.rstrip("=")},
         "malformed_signature", "without its '='"),
        ("signature-wrong-length-31-bytes", {"X-Plivo-Signature-V3": b64(raw[:31])},
         "signature_mismatch", "valid base64 of 31 bytes"),
        ("v2-signature-header-only", {"X-Plivo-Signature-V3": None,
                                      "X-Plivo-Signature-V2": sigv},
         "missing_signature", "X-Plivo-Signature-V2 is not accepted"),
    ]:
        hh = dict(good, **h)
        hh = {k: v for k, v in hh.items() if v is not None}
        f.add(name, GEN + "; " + why, PL_SECRET, hh, rx, now, err(code), url=PL_URL)
    f.add("header-names-lowercase", GEN + "; header names are case-insensitive", PL_SECRET,
          {"x-plivo-signature-v3": sigv, "x-plivo-signature-v3-nonce": PL_NONCE}, rx, now, rxev,
          url=PL_URL)
    f.add("rotation-right-secret-second", GEN + "; secret list", [PL_OTHER, PL_SECRET], good, rx,
          now, rxev, url=PL_URL)
    f.add("rotation-both-wrong", GEN, [PL_OTHER, "x" * 40], good, rx, now,
          err("signature_mismatch"), url=PL_URL)
    f.add("wrong-secret", GEN, PL_OTHER, good, rx, now, err("signature_mismatch"), url=PL_URL)
    f.add("parameter-changed", GEN + "; signed, then Text=Query+test became Query+tesu",
          PL_SECRET, good, rx.replace(b"Query+test", b"Query+tesu"), now,
          err("signature_mismatch"), url=PL_URL)
    f.add("parameter-added", GEN + "; signed, then a parameter appended", PL_SECRET, good,
          rx + b"&Extra=1", now, err("signature_mismatch"), url=PL_URL)
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", PL_SECRET, good, rx,
          dict(now, maxBodyBytes=64), err("body_too_large"), url=PL_URL)

    any_sig = hdrs(b"")
    for name, b, why in [
        ("form-percent-zz", b"MessageUUID=abc&Text=%ZZ", "%ZZ"),
        ("form-percent-truncated", b"MessageUUID=abc&Text=100%4", "'%4' at the end"),
        ("form-percent-encoded-latin1", b"MessageUUID=abc&Text=caf%E9", "%E9: not UTF-8 once "
         "decoded"),
        ("form-raw-non-utf8-byte", b"MessageUUID=abc&Text=caf\xe9", "a raw 0xE9 byte "
         "(bodyBase64)"),
        ("form-raw-control-byte", b"MessageUUID=abc&Text=a\x1bb", "a raw ESC (0x1B) byte"),
        ("form-raw-crlf", b"MessageUUID=abc&Text=hi\r\n", "a raw CR LF at the end"),
    ]:
        f.add(name, GEN + "; undecodable form body (" + why + "): malformed_payload before the "
              "signature", PL_SECRET, any_sig, b, now, err("malformed_payload"), url=PL_URL)
    for name, b, why in [
        ("empty-form-body", b"", "an empty form"),
        ("form-without-read-fields", form_encode([("Units", "1"), ("Type", "sms")]),
         "only Units and Type"),
        ("json-object-as-form-body", b'{"hello":"world"}', "an arbitrary JSON object (one "
         "parameter named '{\"hello\":\"world\"}')"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why + ": none of the fields SPEC 7.3 reads",
              PL_SECRET, hdrs(b), b, now, err("malformed_payload"), url=PL_URL)
    f.add("empty-secret", GEN, "", good, rx, now, err("invalid_secret"), url=PL_URL)
    f.add("empty-secret-list", GEN, [], good, rx, now, err("invalid_secret"), url=PL_URL)
    return f


# ---------------------------------------------------------------------------------------------
# sinch (SMS REST API; SPEC 7; PROVIDERS-FIELD.md section 5)
# ---------------------------------------------------------------------------------------------

SN_SECRET = "SMSWebhooksSecret"  # callbacks-webhook.test.ts L5-10
SN_OTHER = "AnotherWebhookSecret"
SN_KA_BODY = ('{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP",'
              '"client_reference":"a client reference","code":0,"operator_status_at":'
              '"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":'
              '"recipient_delivery_report_sms"}')
SN_KA_NONCE = "01JHFFHWYY7HSS4FWTMDTQEK8V"
SN_KA_TS = 1736760161
SN_KA_SIG = "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="
SN_INBOUND = ('{"type":"mo_text","id":"01W4FFL35P4NC4K35SMSBATCH8","from":"12015555555","to":'
              '"12017777777","body":"Hello John! 👋","operator_id":"311071","received_at":'
              '"2024-06-06T07:52:37.386Z"}')
SN_FAILED = ('{"type":"recipient_delivery_report_sms","batch_id":"01W4FFL35P4NC4K35SMSBATCH9",'
             '"recipient":"12010000000","code":412,"status":"Aborted","client_reference":'
             '"client-ref","at":"2024-06-06T08:17:15.603Z"}')
SN_TS = 1767225600
SN_NONCE = "01KDXN6Q8M2V3T4R5S6W7X8Y9Z"
SN_REPORT_STATUS = {"Delivered": "message.delivered", "Dispatched": "message.sent",
                    "Failed": "message.failed", "Aborted": "message.failed",
                    "Rejected": "message.failed", "Deleted": "message.failed",
                    "Cancelled": "message.failed", "Expired": "message.expired"}
SN_STATUSES = ("Queued", "Dispatched", "Aborted", "Cancelled", "Rejected", "Deleted", "Delivered",
               "Failed", "Expired", "Unknown")
SN_FIELDS = ("type", "id", "received_at", "at", "batch_id", "from", "to", "recipient", "body",
             "code", "status")
SN_HEADERS = ("x-sinch-webhook-signature", "x-sinch-webhook-signature-nonce",
              "x-sinch-webhook-signature-timestamp", "x-sinch-webhook-signature-algorithm")


def sinch_mac(secret, body, nonce, ts):
    return b64(hmac.new(u8(secret), body + u8(".%s.%s" % (nonce, ts)), hashlib.sha256).digest())


assert sinch_mac(SN_SECRET, u8(SN_KA_BODY), SN_KA_NONCE, SN_KA_TS) == SN_KA_SIG


def sinch_normalize(body):
    obj = json.loads(body)
    name = opt_str(obj.get("type"))
    occurred = mid = frm = to = text = error = None
    id_ = sha256_hex(body)
    if name in ("mo_text", "mo_binary", "mo_media"):
        t = "message.received"
        if isinstance(obj.get("id"), str) and obj["id"]:
            id_ = obj["id"]
        occurred, mid = obj.get("received_at"), obj.get("id")
        frm, to = obj.get("from"), obj.get("to")
        if name == "mo_text":
            text = obj.get("body")
        elif name == "mo_media" and isinstance(obj.get("body"), dict):
            text = obj["body"].get("message")
    elif name in ("recipient_delivery_report_sms", "recipient_delivery_report_mms"):
        t = SN_REPORT_STATUS.get(obj.get("status"), "message.status")
        occurred, mid, to = obj.get("at"), obj.get("batch_id"), obj.get("recipient")
        if t == "message.failed":
            code = obj.get("code")
            error = {"code": str(code) if isinstance(code, (int, str)) and not isinstance(
                code, bool) else None, "message": opt_str(obj.get("status"))}
    elif name in ("delivery_report_sms", "delivery_report_mms"):
        t = "message.status"
        mid = obj.get("batch_id")
    else:
        t = "unknown"
    return event("sinch", t, name if name is not None else "unknown", id_, opt_time_iso(occurred),
                 opt_str(mid), opt_str(frm), opt_str(to), opt_str(text), error)


def sinch_verify(c, body):
    secrets = ref_secrets(c["secret"])
    ref_limit(body, c["options"])
    h = lower_headers(c["headers"])
    sig, nonce, ts = (h.get(n) for n in SN_HEADERS[:3])
    if sig is None or nonce is None or ts is None:
        raise Refused("missing_signature")
    alg = h.get(SN_HEADERS[3])
    raw = b64_strict(sig)
    if (alg is not None and alg != "HmacSHA256") or raw is None or not nonce or \
            not re.fullmatch(r"[0-9]+", ts):
        raise Refused("malformed_signature")
    if not any(hmac.compare_digest(base64.b64decode(sinch_mac(s, body, nonce, ts)), raw)
               for s in secrets):
        raise Refused("signature_mismatch")
    if not ref_within(int(ts), c["options"]):
        raise Refused("timestamp_out_of_tolerance")
    obj = json_object(body)
    if not any(k in obj for k in SN_FIELDS):
        raise Refused("malformed_payload")
    ev = sinch_normalize(body)
    ev["data"] = obj
    return ev


def sinch_sign(secret, body, options, headers, args=None):
    """What smshook's sign writes: the four x-sinch-webhook-signature* headers."""
    ts = str(args["now"] // 1000)
    return {"x-sinch-webhook-signature": sinch_mac(secret, body, args["nonce"], ts),
            "x-sinch-webhook-signature-nonce": args["nonce"],
            "x-sinch-webhook-signature-timestamp": ts,
            "x-sinch-webhook-signature-algorithm": "HmacSHA256"}


def build_sinch():
    f = File("sinch", "PROVIDERS-FIELD.md section 5 (sinch-sdk-node affb35e5 "
             "authorization.helper.ts, @sinch/sms@1.4.0 types) and SPEC section 7; signatures by "
             "generate.py (Python hmac)", sinch_sign, set(SN_HEADERS), verifier=sinch_verify)
    src5 = "PROVIDERS-FIELD.md section 5"
    gen5 = GEN + " over the " + src5 + " callback types"

    def hdrs(body, nonce=SN_NONCE, ts=SN_TS, secret=SN_SECRET, alg="HmacSHA256"):
        h = {SN_HEADERS[0]: sinch_mac(secret, body, nonce, ts), SN_HEADERS[1]: nonce,
             SN_HEADERS[2]: str(ts)}
        if alg is not None:
            h[SN_HEADERS[3]] = alg
        return h

    def signed(name, source, body, ts=SN_TS, options=None, expect=None, **kw):
        return f.add(name, source, SN_SECRET, hdrs(body, ts=ts), body,
                     options or {"now": ts * 1000},
                     expect if expect is not None else ok(sinch_normalize(body)), **kw)

    ka = u8(SN_KA_BODY)
    ka_h = hdrs(ka, SN_KA_NONCE, SN_KA_TS)
    assert ka_h[SN_HEADERS[0]] == SN_KA_SIG
    ka_now = {"now": SN_KA_TS * 1000}
    c = f.add("known-answer-verbatim", src5 + " known answer (packages/sms/tests/rest/v1/callbacks/"
              "callbacks-webhook.test.ts L5-10); the algorithm header as the SDK documents it",
              SN_SECRET, ka_h, ka, ka_now, ok(sinch_normalize(ka)), sign_matches=True)
    assert c["expect"]["event"] == event(
        "sinch", "message.delivered", "recipient_delivery_report_sms", sha256_hex(ka),
        "2025-01-13T09:22:40.914Z", "01JHFFHQ0P99JPPNQPJDV7JTBP", None, "33662162466", None, None)
    assert c["sign"] == {"now": SN_KA_TS * 1000, "nonce": SN_KA_NONCE}
    inbound = u8(SN_INBOUND)
    c = signed("mo-text-example", src5 + " example inbound (SDK e2e values), verbatim; signed by "
               "generate.py", inbound, sign_matches=True)
    assert c["expect"]["event"] == event(
        "sinch", "message.received", "mo_text", "01W4FFL35P4NC4K35SMSBATCH8",
        "2024-06-06T07:52:37.386Z", "01W4FFL35P4NC4K35SMSBATCH8", "12015555555", "12017777777",
        "Hello John! 👋", None)
    failed = u8(SN_FAILED)
    c = signed("recipient-report-aborted-example", src5 + " failed report example, verbatim",
               failed, sign_matches=True)
    assert c["expect"]["event"] == event(
        "sinch", "message.failed", "recipient_delivery_report_sms", sha256_hex(failed),
        "2024-06-06T08:17:15.603Z", "01W4FFL35P4NC4K35SMSBATCH9", None, "12010000000", None,
        {"code": "412", "message": "Aborted"})
    for i, st in enumerate(SN_STATUSES):
        code = {"Delivered": 0, "Dispatched": 0, "Queued": 400}.get(st, 401 + i)
        b = u8(cjson({"type": "recipient_delivery_report_sms",
                      "batch_id": "01KDXN0000000000000000BT%02d" % i, "recipient": "12010000000",
                      "code": code, "status": st, "at": "2026-01-01T00:00:0%d.%03dZ" % (i, i),
                      "operator_status_at": "2026-01-01T00:00:00Z",
                      "client_reference": "ref-%d" % i}))
        c = signed("recipient-report-sms-" + st.lower(), gen5 + "; status " + st, b,
                   sign_matches=True)
        e = c["expect"]["event"]
        assert e["type"] == SN_REPORT_STATUS.get(st, "message.status")
        if e["type"] == "message.failed":
            assert e["error"] == {"code": str(code), "message": st}
    mms_rep = u8(cjson({"type": "recipient_delivery_report_mms", "batch_id":
                        "01KDXN0000000000000000MMS1", "recipient": "12010000000", "code": 0,
                        "status": "Delivered", "at": "2026-01-01T00:00:01.000Z"}))
    c = signed("recipient-report-mms-delivered", gen5 + "; the MMS recipient report", mms_rep,
               sign_matches=True)
    assert c["expect"]["event"]["type"] == "message.delivered"
    batch = u8(cjson({"type": "delivery_report_sms", "batch_id": "01KDXN0000000000000000BAT1",
                      "total_message_count": 2, "statuses": [
                          {"code": 0, "count": 1, "status": "Delivered",
                           "recipients": ["12010000000"]},
                          {"code": 402, "count": 1, "status": "Failed",
                           "recipients": ["12010000001"]}], "client_reference": "batch-ref"}))
    c = signed("batch-report-sms", gen5 + "; a batch delivery_report_sms: message.status, the "
               "body-hash id", batch, sign_matches=True)
    assert c["expect"]["event"] == event(
        "sinch", "message.status", "delivery_report_sms", sha256_hex(batch), None,
        "01KDXN0000000000000000BAT1")
    batch_mms = u8(cjson({"type": "delivery_report_mms", "batch_id": "01KDXN0000000000000000BAT2",
                          "total_message_count": 1, "statuses": [
                              {"code": 0, "count": 1, "status": "Delivered"}]}))
    signed("batch-report-mms", gen5 + "; a batch delivery_report_mms", batch_mms,
           sign_matches=True)
    binary = u8(cjson({"type": "mo_binary", "id": "01KDXN0000000000000000MOB1",
                       "from": "12015555555", "to": "12017777777", "body": "SGVsbG8=",
                       "udh": "06050423F423F4", "received_at": "2026-01-01T00:00:00.100Z"}))
    c = signed("mo-binary", gen5 + "; mo_binary: text null (body is base64)", binary,
               sign_matches=True)
    assert c["expect"]["event"]["text"] is None
    media = u8(cjson({"type": "mo_media", "id": "01KDXN0000000000000000MOM1",
                      "from": "12015555555", "to": "12017777777",
                      "body": {"subject": "Photo", "message": "See attached", "media": [
                          {"url": "https://media.example/1.jpg", "contentType": "image/jpeg",
                           "status": "Uploaded", "code": 0}]},
                      "received_at": "2026-01-01T00:00:00.200Z"}))
    c = signed("mo-media", gen5 + "; mo_media: text is body.message", media, sign_matches=True)
    assert c["expect"]["event"]["text"] == "See attached"
    utf = u8(cjson({"type": "mo_text", "id": "01KDXN0000000000000000MOT2", "from": "33612345678",
                    "to": "12017777777", "body": NON_ASCII_TEXT,
                    "received_at": "2026-01-01T00:00:00.300+01:00"}))
    c = signed("mo-text-non-ascii", gen5 + "; emoji, accents, CJK as raw UTF-8; received_at with "
               "an offset", utf, sign_matches=True)
    assert c["expect"]["event"]["occurredAt"] == "2025-12-31T23:00:00.300Z"
    unk = u8(cjson({"type": "mo_rcs", "id": "01KDXN0000000000000000RCS1", "from": "12015555555",
                    "to": "12017777777"}))
    c = signed("unknown-type", gen5 + "; a type outside SPEC 7.3: unknown, the body-hash id",
               unk, sign_matches=True)
    assert c["expect"]["event"]["type"] == "unknown" and c["expect"]["event"]["id"] == \
        sha256_hex(unk)

    # Time
    ev = ok(sinch_normalize(ka))
    for name, now_ms, expect in [
        ("timestamp-old-by-exactly-300-s", (SN_KA_TS + 300) * 1000, ev),
        ("timestamp-stale-by-301-s", (SN_KA_TS + 301) * 1000, err("timestamp_out_of_tolerance")),
        ("timestamp-future-by-exactly-300-s", (SN_KA_TS - 300) * 1000, ev),
        ("timestamp-future-by-301-s", (SN_KA_TS - 301) * 1000, err("timestamp_out_of_tolerance")),
    ]:
        f.add(name, GEN + "; the known answer, tolerance 300 s two-sided, inclusive (the SDK "
              "checks no time; SPEC 7.2 does)", SN_SECRET, ka_h, ka, {"now": now_ms}, expect,
              sign_matches=True if "event" in expect else None)
    f.add("stale-and-wrong-secret", GEN + "; the signature is checked before the timestamp",
          SN_SECRET, hdrs(ka, SN_KA_NONCE, SN_KA_TS, SN_OTHER), ka,
          {"now": (SN_KA_TS + 3600) * 1000}, err("signature_mismatch"))

    # Headers
    h = dict(ka_h)
    del h[SN_HEADERS[3]]
    f.add("algorithm-header-absent", GEN + "; no algorithm header means HmacSHA256", SN_SECRET, h,
          ka, ka_now, ev, sign_matches=False)
    for name, alg in (("algorithm-hmacsha1", "HmacSHA1"), ("algorithm-lowercase", "hmacsha256"),
                      ("algorithm-empty", ""), ("algorithm-hmac-sha256-dashed", "HMAC-SHA256")):
        f.add(name, GEN + "; x-sinch-webhook-signature-algorithm %r (compared exactly)" % alg,
              SN_SECRET, dict(ka_h, **{SN_HEADERS[3]: alg}), ka, ka_now,
              err("malformed_signature"))
    f.add("nonce-changed", GEN + "; another nonce in the header", SN_SECRET,
          dict(ka_h, **{SN_HEADERS[1]: "01JHFFHWYY7HSS4FWTMDTQEK8W"}), ka, ka_now,
          err("signature_mismatch"))
    f.add("timestamp-changed", GEN + "; the header says 1736760162 (within the tolerance)",
          SN_SECRET, dict(ka_h, **{SN_HEADERS[2]: str(SN_KA_TS + 1)}), ka, ka_now,
          err("signature_mismatch"))
    for i, label in enumerate(("signature", "nonce", "timestamp")):
        h = dict(ka_h)
        del h[SN_HEADERS[i]]
        f.add("missing-" + label + "-header", GEN + "; the other headers present", SN_SECRET, h,
              ka, ka_now, err("missing_signature"))
        f.add(label + "-empty", GEN + "; " + SN_HEADERS[i] + " empty", SN_SECRET,
              dict(ka_h, **{SN_HEADERS[i]: ""}), ka, ka_now, err("malformed_signature"))
    raw = base64.b64decode(SN_KA_SIG)
    for name, value, code, why in [
        ("signature-not-base64", SN_KA_SIG[:-4] + "*!?=", "malformed_signature", "characters "
         "outside base64"),
        ("signature-unpadded-base64", SN_KA_SIG.rstrip("="), "malformed_signature",
         "without its '='"),
        ("signature-wrong-length-31-bytes", b64(raw[:31]), "signature_mismatch", "valid base64 "
         "of 31 bytes"),
        ("signature-hex", raw.hex(), "signature_mismatch", "the HMAC as 64 hex digits, which "
         "are valid base64 of 48 bytes: the wrong length"),
    ]:
        f.add(name, GEN + "; " + why, SN_SECRET, dict(ka_h, **{SN_HEADERS[0]: value}), ka, ka_now,
              err(code))
    ts_bad = "1736760161.5"
    f.add("timestamp-not-numeric", GEN + "; signed over '<body>.<nonce>.1736760161.5'", SN_SECRET,
          dict(hdrs(ka, SN_KA_NONCE, ts_bad)), ka, ka_now, err("malformed_signature"))
    f.add("header-names-mixed-case", GEN + "; header names are case-insensitive", SN_SECRET,
          {"X-Sinch-Webhook-Signature": SN_KA_SIG, "X-Sinch-Webhook-Signature-Nonce": SN_KA_NONCE,
           "X-Sinch-Webhook-Signature-Timestamp": str(SN_KA_TS),
           "X-Sinch-Webhook-Signature-Algorithm": "HmacSHA256"}, ka, ka_now, ev)
    f.add("rotation-right-secret-second", GEN + "; secret list", [SN_OTHER, SN_SECRET], ka_h, ka,
          ka_now, ev)
    f.add("rotation-both-wrong", GEN, [SN_OTHER, "third-secret"], ka_h, ka, ka_now,
          err("signature_mismatch"))
    f.add("wrong-secret", GEN, SN_OTHER, ka_h, ka, ka_now, err("signature_mismatch"))
    f.add("body-one-byte-flipped", GEN + "; signed, then one body byte flipped", SN_SECRET, ka_h,
          flip_bit(ka, ka.index(b"Delivered")), ka_now, err("signature_mismatch"))
    f.add("body-too-large", GEN + "; correctly signed, maxBodyBytes 64", SN_SECRET, ka_h, ka,
          dict(ka_now, maxBodyBytes=64), err("body_too_large"))
    for name, b, why in [
        ("empty-body", b"", "empty body"),
        ("empty-object-body", b"{}", "{}"),
        ("arbitrary-json-object", b'{"hello":"world"}', "an arbitrary JSON object"),
        ("json-array-body", b"[]", "a JSON array"),
        ("non-utf8-body", b'{"type":"mo_text","id":"x","body":"caf\xe9"}', "Latin-1 byte"),
        ("bom-prefixed-body", BOM + inbound, "a UTF-8 BOM before the inbound example"),
    ]:
        f.add(name, GEN + "; correctly signed, " + why, SN_SECRET, hdrs(b), b,
              {"now": SN_TS * 1000}, err("malformed_payload"))
    f.add("empty-secret", GEN, "", ka_h, ka, ka_now, err("invalid_secret"))
    f.add("empty-secret-list", GEN, [], ka_h, ka, ka_now, err("invalid_secret"))
    return f


BUILT = {}


def main():
    for build in (build_textbee, build_messages_dev, build_zuc, build_httpsms, build_textus,
                  build_standard, build_twilio, build_telnyx, build_vonage, build_plivo,
                  build_sinch):
        f = build()
        BUILT[f.provider] = f
    for f in BUILT.values():
        path, n, size = f.write()
        pos = sum(1 for c in f.cases if "event" in c["expect"])
        sm = sum(1 for c in f.cases if c.get("signMatches"))
        print("%-18s %3d cases (%d positive, %d signMatches) %7d bytes" % (
            os.path.basename(path), n, pos, sm, size))


if __name__ == "__main__":
    sys.exit(main())
