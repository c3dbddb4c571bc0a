import { type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToBytes } from "./lib/render-to-bytes.server.ts";

/**
 * A loader's or action's error, logged by the server's logger (never Remix's default, which
 * prints the whole message: a database error's message can quote a plan's text). Errors the
 * person caused (a response thrown on purpose) are not errors of ours.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || error instanceof Response) return;
  context.logError(error);
};

/**
 * The page is drawn whole and sent in one piece (decisions 040, 046 and 048). Nothing on the
 * server waits for data while drawing (no `defer`; the one lazy part, the live editor, loads
 * only in the browser), so streaming sent nothing sooner, and React's stream encoded each of
 * thousands of small pieces into bytes on its own.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const html = renderToBytes(<RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />, "<!DOCTYPE html>");
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // As bytes: a string body would be checked for lone surrogates (undici's toUSVString) first.
  return new Response(html, { headers: responseHeaders, status: responseStatusCode });
}
