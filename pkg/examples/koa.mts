import Koa from "koa";
import smshook from "smshook/koa";

const secret = process.env.ZUC_WEBHOOK_SECRET;
if (!secret) throw new Error("ZUC_WEBHOOK_SECRET is not set");

const app = new Koa();
const verifyZuc = smshook({ provider: "zuc", secret });

// Before any body parser (koa-bodyparser and the like): the middleware reads the raw body.
app.use(async (ctx, next) => {
  if (ctx.method !== "POST" || ctx.path !== "/webhooks/zuc") return next();
  await verifyZuc(ctx, async () => {
    const event = ctx.state.webhook;
    console.log(event.type, event.from, event.text);
    ctx.status = 204;
  });
});

app.listen(3000);
