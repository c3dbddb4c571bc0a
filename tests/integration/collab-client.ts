import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { SESSION_COOKIE } from "../../server/auth/sessions.ts";

/**
 * A real @hocuspocus/provider client in Node, signed in with a session cookie the way a
 * browser is: one per person and document, as the portal's editor opens them.
 */
export function openText(origin: string, token: string | null, name: string, shared?: HocuspocusProviderWebsocket) {
  const headers: Record<string, string> = { origin };
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
      // Closing a socket that is still connecting (a client reconnecting to a server that has
      // stopped) emits an error after the provider has let go of it; a browser just closes it.
      this.on("error", () => {});
    }
  }
  const socket =
    shared ??
    new HocuspocusProviderWebsocket({
      url: `${origin.replace(/^http/, "ws")}/collab`,
      WebSocketPolyfill: CookieWebSocket,
      delay: 50,
      maxDelay: 200,
      minDelay: 50,
    });
  const doc = new Y.Doc();
  const state = {
    scope: null as string | null,
    failed: null as string | null,
    closed: 0,
    stateless: [] as string[],
  };
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: "",
    onAuthenticated: ({ scope }) => {
      state.scope = scope;
    },
    onAuthenticationFailed: ({ reason }) => {
      state.failed = reason;
    },
    onClose: () => {
      state.closed += 1;
    },
    onStateless: ({ payload }) => {
      state.stateless.push(payload);
    },
  });
  provider.attach();
  const fragment = doc.getXmlFragment("default");

  return {
    doc,
    provider,
    socket,
    state,
    /** The text of the document, paragraphs joined by newlines. */
    text: () =>
      fragment
        .toArray()
        .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : "")).join("") : ""))
        .join("\n"),
    /** Types `text` at a position of the first paragraph (creating it when the document is empty). */
    type(text: string, position?: number) {
      doc.transact(() => {
        let paragraph = fragment.get(0) as Y.XmlElement | undefined;
        if (!paragraph) {
          paragraph = new Y.XmlElement("paragraph");
          fragment.insert(0, [paragraph]);
        }
        let xmlText = paragraph.get(0) as Y.XmlText | undefined;
        if (!xmlText) {
          xmlText = new Y.XmlText();
          paragraph.insert(0, [xmlText]);
        }
        const at = Math.min(position ?? xmlText.length, xmlText.length);
        xmlText.insert(at, text);
      });
    },
    paragraphLength() {
      const paragraph = fragment.get(0) as Y.XmlElement | undefined;
      const xmlText = paragraph?.get(0) as Y.XmlText | undefined;
      return xmlText?.length ?? 0;
    },
    async close() {
      provider.destroy();
      socket.destroy();
    },
  };
}

export type TextClient = ReturnType<typeof openText>;

/** Waits until `check` is true (polling), or fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
