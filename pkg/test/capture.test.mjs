// parseCapture / parseHeaderLines (src/capture.js): raw HTTP, curl -v / --trace-ascii /
// --trace output and HAR, as the CLI's `verify --request` and the playground read them.
// The module is imported from ../src (in the repository) or from $SMSHOOK_PKG_DIR (the
// installed package, set by run.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = process.env.SMSHOOK_PKG_DIR ?? fileURLToPath(new URL("..", import.meta.url));
/** A package file: beside this test in the repository, else in the installed package. */
async function load(rel) {
  const local = new URL(`../${rel}`, import.meta.url);
  return import(existsSync(fileURLToPath(local)) ? local.href : pathToFileURL(`${PKG}/${rel}`).href);
}
const { parseCapture, parseHeaderLines, CaptureError } = await load("src/capture.js");
const { sign, verify } = await import(pathToFileURL(`${PKG}/src/node.mjs`).href);

const BODY = '{"a":"b ✓",\r\n"c":1}\n';

/** Asserts that fn throws a CaptureError whose message matches re. */
function refuses(fn, re) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CaptureError, `not a CaptureError: ${e}`);
    assert.equal(e.code, "invalid_capture");
    assert.match(e.message, re);
    return true;
  });
}

test("raw HTTP with CRLF: request line, headers, exact body, absolute https URL from Host", () => {
  const text = "POST /sms?x=1 HTTP/1.1\r\nHost: hooks.example.com\r\nX-Signature: abc\r\nX-Tag: one\r\nx-tag: two\r\n\r\n" + BODY;
  const r = parseCapture(text);
  assert.equal(r.format, "http");
  assert.equal(r.method, "POST");
  assert.equal(r.url, "https://hooks.example.com/sms?x=1");
  assert.equal(r.path, "/sms?x=1");
  assert.deepEqual(r.headers, { host: "hooks.example.com", "x-signature": "abc", "x-tag": "one, two" });
  assert.equal(r.body, BODY);
  assert.deepEqual(r.notes, []);
});

test("raw HTTP with LF line endings, X-Forwarded-Proto, folded header, leading blank lines", () => {
  const r = parseCapture("\n\npost /hook HTTP/1.0\nHost: a.test:8080\nX-Forwarded-Proto: http\nX-Long: part one\n  part two\n\nbody\nline 2");
  assert.equal(r.method, "POST");
  assert.equal(r.url, "http://a.test:8080/hook");
  assert.equal(r.headers["x-long"], "part one part two");
  assert.equal(r.body, "body\nline 2");
});

test("raw HTTP: an absolute request target is the URL; no Host leaves the path; an empty body is \"\"", () => {
  const abs = parseCapture("POST http://proxy.test/in?q=1 HTTP/1.1\r\nHost: other\r\n\r\n");
  assert.equal(abs.url, "http://proxy.test/in?q=1");
  assert.equal(abs.path, "/in?q=1");
  assert.equal(abs.body, "");
  const bare = parseCapture("POST /only HTTP/1.1\n\n{}");
  assert.equal(bare.url, "/only");
  assert.equal(bare.path, "/only");
});

test("Content-Length: trailing CR/LF after it are cut (UTF-8 bytes counted) and said so", () => {
  const body = '{"t":"✓"}';
  const length = new TextEncoder().encode(body).length; // 11: ✓ is 3 bytes
  const r = parseCapture(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${length}\r\n\r\n${body}\r\n\n`);
  assert.equal(r.body, body);
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0], /Content-Length \(11 bytes\)/);
  // Longer by something else than CR/LF: kept, with a note.
  const other = parseCapture(`POST / HTTP/1.1\nContent-Length: 2\n\n{}xyz`);
  assert.equal(other.body, "{}xyz");
  assert.match(other.notes[0], /Content-Length says 2/);
  // Without Content-Length the body is exactly what follows, its newline included.
  assert.equal(parseCapture("POST / HTTP/1.1\n\n{}\n").body, "{}\n");
  // Shorter than declared: kept, with a note.
  assert.match(parseCapture("POST / HTTP/1.1\nContent-Length: 9\n\n{}").notes[0], /truncated/);
});

test("chunked transfer encoding is decoded", () => {
  const r = parseCapture("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n7;ext=1\r\n:\"✓\"}\r\n0\r\n\r\n");
  assert.equal(r.body, '{"a":"✓"}');
  assert.match(r.notes[0], /chunked/);
  refuses(() => parseCapture("POST / HTTP/1.1\nTransfer-Encoding: chunked\n\nzz\n"), /not a chunk size/);
});

const CURL_V = `*   Trying 127.0.0.1:33145...
* Connected to 127.0.0.1 (127.0.0.1) port 33145 (#0)
> POST /hook HTTP/1.1
> Host: 127.0.0.1:33145
> User-Agent: curl/7.88.1
> Accept: */*
> X-Signature: abc
> Content-Length: 19
> Content-Type: application/x-www-form-urlencoded
> 
} [19 bytes data]
< HTTP/1.1 200 OK
< Content-Length: 2
< 
{ [2 bytes data]
* Connection #0 to host 127.0.0.1 left intact
`;

test("curl -v: request line and headers from the > lines, no body (null) and a note", () => {
  const r = parseCapture(CURL_V);
  assert.equal(r.format, "curl");
  assert.equal(r.method, "POST");
  assert.equal(r.url, "http://127.0.0.1:33145/hook");
  assert.equal(r.headers["x-signature"], "abc");
  assert.equal(r.headers["content-length"], "19");
  assert.equal(r.headers["content-type"], "application/x-www-form-urlencoded");
  assert.equal(r.body, null);
  assert.match(r.notes.join(" "), /does not print the request body/);
});

// Real `curl --trace-ascii` / `--trace` output (curl 7.88) of --data-binary @file with BODY.
const TRACE_ASCII = `== Info:   Trying 127.0.0.1:33145...
== Info: Connected to 127.0.0.1 (127.0.0.1) port 33145 (#0)
=> Send header, 158 bytes (0x9e)
0000: POST /hook?x=1 HTTP/1.1
0019: Host: 127.0.0.1:33145
0030: User-Agent: curl/7.88.1
0049: Accept: */*
0056: X-Signature: abc
0068: Content-Type: application/json
0088: Content-Length: 22
009c: 
=> Send data, 22 bytes (0xc)
0000: {"a":"b ...",
000f: "c":1}.
<= Recv header, 17 bytes (0x11)
0000: HTTP/1.1 200 OK
<= Recv data, 2 bytes (0x2)
0000: ok
== Info: Connection #0 to host 127.0.0.1 left intact
`;
const TRACE_HEX = `== Info:   Trying 127.0.0.1:33145...
=> Send header, 171 bytes (0xab)
0000: 50 4f 53 54 20 2f 68 6f 6f 6b 20 48 54 54 50 2f POST /hook HTTP/
0010: 31 2e 31 0d 0a 48 6f 73 74 3a 20 31 32 37 2e 30 1.1..Host: 127.0
0020: 2e 30 2e 31 3a 33 33 31 34 35 0d 0a 55 73 65 72 .0.1:33145..User
0030: 2d 41 67 65 6e 74 3a 20 63 75 72 6c 2f 37 2e 38 -Agent: curl/7.8
0040: 38 2e 31 0d 0a 41 63 63 65 70 74 3a 20 2a 2f 2a 8.1..Accept: */*
0050: 0d 0a 58 2d 53 69 67 6e 61 74 75 72 65 3a 20 61 ..X-Signature: a
0060: 62 63 0d 0a 43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 bc..Content-Leng
0070: 74 68 3a 20 32 32 0d 0a 43 6f 6e 74 65 6e 74 2d th: 22..Content-
0080: 54 79 70 65 3a 20 61 70 70 6c 69 63 61 74 69 6f Type: applicatio
0090: 6e 2f 78 2d 77 77 77 2d 66 6f 72 6d 2d 75 72 6c n/x-www-form-url
00a0: 65 6e 63 6f 64 65 64 0d 0a 0d 0a                encoded....
=> Send data, 22 bytes (0x16)
0000: 7b 22 61 22 3a 22 62 20 e2 9c 93 22 2c 0d 0a 22 {"a":"b ...",.."
0010: 63 22 3a 31 7d 0a                               c":1}.
<= Recv header, 17 bytes (0x11)
0000: 48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d HTTP/1.1 200 OK.
0010: 0a                                              .
`;

test("curl --trace-ascii: headers and the Send data block (CRLF kept, unprintable bytes noted)", () => {
  const r = parseCapture(TRACE_ASCII);
  assert.equal(r.format, "curl");
  assert.equal(r.url, "http://127.0.0.1:33145/hook?x=1");
  assert.equal(r.path, "/hook?x=1");
  assert.equal(r.headers["content-type"], "application/json");
  assert.equal(r.body, '{"a":"b ...",\r\n"c":1}.');
  assert.match(r.notes.join(" "), /as "\."/);
});

test("curl --trace (hex): the exact body bytes", () => {
  const r = parseCapture(TRACE_HEX);
  assert.equal(r.format, "curl");
  assert.equal(r.headers["x-signature"], "abc");
  assert.equal(r.body, BODY);
  assert.deepEqual(r.notes, []);
});

const HAR = {
  log: {
    version: "1.2",
    entries: [
      { request: { method: "GET", url: "https://hooks.example.com/", headers: [] } },
      {
        request: {
          method: "POST",
          url: "https://hooks.example.com/sms?x=1",
          headers: [
            { name: ":authority", value: "hooks.example.com" },
            { name: ":method", value: "POST" },
            { name: "X-Signature", value: "abc" },
            { name: "Content-Type", value: "application/json" },
          ],
          postData: { mimeType: "application/json", text: BODY },
        },
      },
    ],
  },
};

test("HAR file: the first POST entry, pseudo-headers dropped (:authority as host)", () => {
  const r = parseCapture(JSON.stringify(HAR, null, 2));
  assert.equal(r.format, "har");
  assert.equal(r.method, "POST");
  assert.equal(r.url, "https://hooks.example.com/sms?x=1");
  assert.equal(r.path, "/sms?x=1");
  assert.deepEqual(r.headers, { host: "hooks.example.com", "x-signature": "abc", "content-type": "application/json" });
  assert.equal(r.body, BODY);
});

test("HAR entry (text or object), postData base64 → Uint8Array, no postData → null", () => {
  const bytes = new Uint8Array([0x7b, 0x7d, 0xff, 0x00]);
  const entry = { request: { method: "POST", url: "https://h.test/x", headers: [], postData: { text: Buffer.from(bytes).toString("base64"), encoding: "base64" } } };
  const r = parseCapture(JSON.stringify(entry));
  assert.ok(r.body instanceof Uint8Array);
  assert.deepEqual([...r.body], [...bytes]);
  const same = parseCapture(entry);
  assert.deepEqual([...same.body], [...bytes]);
  const empty = parseCapture({ request: { method: "POST", url: "https://h.test/x", headers: [] } });
  assert.equal(empty.body, null);
  assert.match(empty.notes[0], /no postData/);
});

test("a signed delivery written as a raw request parses back to something verify() accepts", () => {
  const secret = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
  const body = JSON.stringify({ smsId: "s", message: "Hi ✓", webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k", sender: "+1555", receivedAt: "2026-05-27T13:00:35.208Z" });
  const signed = sign({ provider: "textbee", secret, body });
  const head = Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`).join("\r\n");
  const length = new TextEncoder().encode(body).length;
  const r = parseCapture(`POST /hooks/textbee HTTP/1.1\r\nHost: h.test\r\nContent-Length: ${length}\r\n${head}\r\n\r\n${body}\n`);
  assert.equal(r.body, body);
  assert.equal(verify({ provider: "textbee", secret, headers: r.headers, body: r.body }).text, "Hi ✓");
});

test("parseHeaderLines: Name: value per line, curl prefixes, repeats, pseudo-headers, bad lines", () => {
  assert.deepEqual(parseHeaderLines("X-A: 1\r\n\r\n> x-a: 2\nContent-Type:  text/plain  \n:authority: h.test\n"), { "x-a": "1, 2", "content-type": "text/plain", host: "h.test" });
  assert.deepEqual(parseHeaderLines("POST /x HTTP/1.1\nX-B: y"), { "x-b": "y" });
  const proto = parseHeaderLines("__proto__: p\nconstructor: c");
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.keys(proto), ["__proto__", "constructor"]);
  refuses(() => parseHeaderLines("X-A: 1\nnot a header"), /line 2 is not "Name: value"/);
  refuses(() => parseHeaderLines(42), /must be text/);
});

test("clear errors: empty, no request line, no blank line, bad JSON, HAR without POST", () => {
  refuses(() => parseCapture(""), /empty/);
  refuses(() => parseCapture("  \r\n\t"), /empty/);
  refuses(() => parseCapture("hello there\n\nbody"), /no request line.*"hello there"/);
  refuses(() => parseCapture("HTTP/1.1 200 OK\r\n\r\n"), /no request line/);
  refuses(() => parseCapture("POST /x HTTP/1.1\r\nHost: h"), /no blank line/);
  refuses(() => parseCapture('{"log": {'), /not valid JSON/);
  refuses(() => parseCapture(JSON.stringify({ log: { entries: [HAR.log.entries[0]] } })), /no POST request \(1 entries\)/);
  refuses(() => parseCapture('{"hello": 1}'), /not a HAR capture/);
  refuses(() => parseCapture("* Trying\n> \n"), /no request line/);
  refuses(() => parseCapture(null), /must be text/);
});

test("bytes: the head read as latin1, a non-UTF-8 body returned as its exact bytes", () => {
  const body = Uint8Array.from([0x7b, 0x22, 0xff, 0x00, 0x80, 0xc3, 0x22, 0x7d]); // not UTF-8
  const head = Buffer.from(`POST /b HTTP/1.1\r\nHost: h.test\r\nX-Name: caf\xe9\r\nContent-Length: ${body.length}\r\n\r\n`, "latin1");
  const r = parseCapture(Buffer.concat([head, body, Buffer.from("\r\n")]));
  assert.equal(r.format, "http");
  assert.equal(r.headers["x-name"], "café");
  assert.ok(r.body instanceof Uint8Array, `body is ${typeof r.body}`);
  assert.deepEqual([...r.body], [...body]);
  assert.match(r.notes[0], /Content-Length \(8 bytes\)/);
  // Without Content-Length: every byte after the blank line, as a plain Uint8Array too.
  const bare = parseCapture(new Uint8Array(Buffer.concat([head.subarray(0, head.indexOf("Content-Length")), Buffer.from("\r\n"), body])));
  assert.deepEqual([...bare.body], [...body]);
  // A UTF-8 body given as bytes comes back as the same text, a leading BOM included.
  const text = "\uFEFF{\"t\":\"✓\"}";
  const utf8 = Buffer.from(text);
  const r2 = parseCapture(Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nContent-Length: ${utf8.length}\r\n\r\n`), utf8, Buffer.from("\n")]));
  assert.equal(r2.body, text);
});

test("bytes: chunked decoding and Content-Length framing count bytes", () => {
  const chunk = Uint8Array.from([0xff, 0xfe, 0x41]);
  const r = parseCapture(Buffer.concat([Buffer.from("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n"), chunk, Buffer.from("\r\n2\r\n\xe9\n\r\n0\r\n\r\n", "latin1")]));
  assert.deepEqual([...r.body], [0xff, 0xfe, 0x41, 0xe9, 0x0a]);
  // Content-Length 3 of a 5-byte UTF-8 text: the capture is longer, kept whole, with a note.
  const long = parseCapture(Buffer.from("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n✓ab"));
  assert.equal(long.body, "✓ab");
  assert.match(long.notes[0], /5 bytes but Content-Length says 3/);
});

test("several requests (smshook send --all --dry-run): the first is used, with a note", () => {
  const secret = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
  const bodies = ["{\"webhookEvent\":\"MESSAGE_RECEIVED\",\"message\":\"one ✓\"}", "{\"b\":2}", "{\"c\":3}\n"];
  const requests = bodies.map((body) => {
    const signed = sign({ provider: "textbee", secret, body });
    const bytes = Buffer.from(body);
    const head = ["POST /x HTTP/1.1", "Host: 127.0.0.1:9", ...Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${bytes.length}`, "Connection: keep-alive"];
    return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`), bytes]);
  });
  const all = Buffer.concat([requests[0], Buffer.from("\n\n"), requests[1], Buffer.from("\n\n"), requests[2], Buffer.from("\n")]);
  for (const capture of [all, all.toString("utf8")]) {
    const r = parseCapture(capture);
    assert.equal(r.body, bodies[0]);
    assert.deepEqual(r.notes, [`the capture holds 3 requests: the first is used (its body cut at its Content-Length, ${Buffer.byteLength(bodies[0])} bytes)`]);
    assert.equal(r.url, "http://127.0.0.1:9/x");
    assert.equal(verify({ provider: "textbee", secret, headers: r.headers, body: r.body }).text, "one ✓");
  }
  // Extra text that is no request line is kept, as before.
  assert.match(parseCapture("POST / HTTP/1.1\nContent-Length: 2\n\n{}\nGET it?").notes[0], /Content-Length says 2: kept/);
});

test("a loopback Host (127.x, localhost, [::1], any port) gives an http URL; X-Forwarded-Proto wins", () => {
  const url = (host, extra = "") => parseCapture(`POST /p HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`).url;
  assert.equal(url("127.0.0.1"), "http://127.0.0.1/p");
  assert.equal(url("127.0.0.1:8080"), "http://127.0.0.1:8080/p");
  assert.equal(url("127.3.4.5:1"), "http://127.3.4.5:1/p");
  assert.equal(url("localhost:3000"), "http://localhost:3000/p");
  assert.equal(url("LocalHost"), "http://LocalHost/p");
  assert.equal(url("[::1]:9000"), "http://[::1]:9000/p");
  assert.equal(url("[::1]"), "http://[::1]/p");
  assert.equal(url("localhost:3000", "X-Forwarded-Proto: https\r\n"), "https://localhost:3000/p");
  for (const host of ["hooks.example.com", "127.0.0.1.nip.io", "localhost.example.com", "10.0.0.1:80", "[::2]"]) {
    assert.equal(url(host), `https://${host}/p`, host);
  }
});

test("a raw request whose body holds curl-like lines stays raw HTTP", () => {
  const body = "> POST /x HTTP/1.1\n=> Send data, 3 bytes (0x3)\n0000: abc\n== Info: hi\n";
  for (const capture of [`\r\nPOST /raw HTTP/1.1\r\nHost: h.test\r\n\r\n${body}`, Buffer.from(`POST /raw HTTP/1.1\nHost: h.test\n\n${body}`)]) {
    const r = parseCapture(capture);
    assert.equal(r.format, "http");
    assert.equal(r.path, "/raw");
    assert.equal(r.body, body);
  }
  // curl output is still curl output.
  assert.equal(parseCapture(CURL_V).format, "curl");
  assert.equal(parseCapture(Buffer.from(TRACE_HEX)).body, BODY);
});
