// The baseline for `make bench`: a plain Worker that forwards the raw body to FORWARD_URL
// and answers 200 after the receiver's 2xx — the same I/O as smshook, without verifying,
// normalizing or re-signing.
export default {
  async fetch(request, env) {
    const body = await request.arrayBuffer();
    const response = await fetch(env.FORWARD_URL, {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type") ?? "application/json" },
      body,
    });
    return new Response(JSON.stringify({ ok: response.ok }), {
      status: response.ok ? 200 : 502,
      headers: { "content-type": "application/json" },
    });
  },
};
