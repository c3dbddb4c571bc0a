import type express from "express";

/** Who asked, from where, with which request id: every procedure call and sign-in gets this. */
export const metaOf = (req: express.Request, res: express.Response) => ({
  ip: req.ip ?? null,
  userAgent: req.get("user-agent") ?? null,
  requestId: (res.locals.requestId as string | undefined) ?? null,
  origin: res.locals.publicOrigin as string | undefined,
});
