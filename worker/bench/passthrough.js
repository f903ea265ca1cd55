// The baseline for `make bench`: a plain Worker that forwards the request body to
// FORWARD_URL and answers 200 after the receiver's 2xx: the same I/O as smshook, without
// verifying, normalizing or re-signing. It reads the receiver's answer to the end (what a
// careful Worker does, and what lets workerd put the connection back in its pool);
// READ_ANSWER=false leaves it unread, and LOG_LINE=true logs one JSON line per delivery
// (as smshook does), as diagnostics of what each costs. GET /healthz answers without I/O,
// like smshook's, for the cold-start split.
export default {
  async fetch(request, env) {
    if (request.method === "GET" && new URL(request.url).pathname === "/healthz") {
      return Response.json({ ok: true });
    }
    const body = await request.arrayBuffer();
    const response = await fetch(env.FORWARD_URL, {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type") ?? "application/json" },
      body,
      redirect: "manual",
    });
    if (env.READ_ANSWER !== "false") await response.arrayBuffer();
    if (env.LOG_LINE === "true") {
      console.log(JSON.stringify({ bench: "delivery", status: response.status, bytes: body.byteLength, attempt: 1 }));
    }
    return new Response(JSON.stringify({ ok: response.ok }), {
      status: response.ok ? 200 : 502,
      headers: { "content-type": "application/json" },
    });
  },
};
