#!/usr/bin/env python3
"""Write the shared smshook test vectors: tests/vectors/<provider>.json.

Python standard library only (hmac, hashlib, base64, json), an implementation independent of
the Rust code. Deterministic: no randomness and no clock; every time is fixed below, so two
runs write the same bytes. Run from anywhere: `python3 tests/vectors/generate.py`.

Facts come from ../shared/SPEC.md (sections 1-3) and ../shared/PROVIDERS.md; the known-answer
vectors of PROVIDERS.md section 7 are copied verbatim, and this script asserts that its own
signers reproduce them.

Expected events are computed by the small normalizers below (one per provider, written from
the SPEC section 2 tables), and a few are also spelled out by hand and asserted.
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import sys

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

# ---------------------------------------------------------------------------------------------
# detect(headers): SPEC section 1 "Detection"
# ---------------------------------------------------------------------------------------------

_HEX = re.compile(r"^[0-9a-fA-F]+$")


def detect(headers):
    h = lower_headers(headers)
    auth = h.get("authorization")
    if auth is not None and "x-event-type" in h and auth.split(" ")[0].lower() == "bearer":
        return "httpsms"
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


class File:
    def __init__(self, provider, source, signer, canonical_headers):
        self.provider = provider
        self.source = source
        self.signer = signer
        self.canonical = canonical_headers  # spelling the signer uses for its header names
        self.cases = []

    def add(self, name, source, secret, headers, body, options, expect, detect_=_UNSET,
            sign_matches=None, no_sign=False):
        assert isinstance(body, bytes)
        assert "now" in options
        c = {"name": name, "source": source, "secret": secret, "headers": headers}
        try:
            c["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            c["bodyBase64"] = b64(body)
        c["options"] = options
        positive = "event" in expect
        if positive:
            c["sign"] = sign_args(headers, options)
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
            assert sign_matches is None
        c["expect"] = expect
        assert name not in {x["name"] for x in self.cases}, name
        self.cases.append(c)
        return c

    def _sign_matches(self, c, body):
        secret = c["secret"]
        first = secret[0] if isinstance(secret, list) else secret
        if not first:
            return False
        # Only cases written with the canonical header spelling (the signer's).
        if any(k not in self.canonical for k in c["headers"]):
            return False
        signed = self.signer(first, body, c["options"], c["headers"])
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


def sign_args(headers, options):
    """The `sign` arguments that reproduce a positive case (runners call sign with exactly
    these): the signed time, the delivery id and event type the case's headers carry, and
    the JWT audience and subject its options require."""
    h = lower_headers(headers)
    ts = h.get("webhook-timestamp")
    args = {"now": int(ts) * 1000 if ts is not None and ts.isdigit() else options["now"]}
    msg_id = h.get("x-webhook-delivery-id", h.get("webhook-id"))
    if msg_id is not None:
        args["id"] = msg_id
    for key in ("audience", "subject"):
        if isinstance(options.get(key), str):
            args[key] = options[key]
    if h.get("x-event-type") is not None:
        args["eventType"] = h["x-event-type"]
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


def textbee_sign(secret, body, options, headers):
    if len(secret) < 20:
        return None
    return {"X-Signature": hmac_hex(u8(secret), body)}


def tb_flat(sms_id, message, event_name, key, **rest):
    d = {"smsId": sms_id, "message": message, "deviceId": "6650f0aa1b2c3d4e5f607182",
         "webhookSubscriptionId": "6650ef001122334455667788", "webhookEvent": event_name}
    if key is not None:
        d["idempotencyKey"] = key
    d.update(rest)
    return u8(cjson(d))


def build_textbee():
    f = File("textbee", "PROVIDERS.md section 1 (textbee server source, vernu/textbee c5e59321) "
             "and section 7 A; signatures by generate.py (Python hmac)", textbee_sign,
             {"X-Signature"})
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


def md_sign(secret, body, options, headers):
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


def zuc_sign(secret, body, options, headers):
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


def httpsms_sign(secret, body, options, headers):
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


def textus_sign(secret, body, options, headers):
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


def standard_sign(secret, body, options, headers):
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


BUILT = {}


def main():
    for build in (build_textbee, build_messages_dev, build_zuc, build_httpsms, build_textus,
                  build_standard):
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
