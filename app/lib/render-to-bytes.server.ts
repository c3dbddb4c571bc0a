import type { ReactNode } from "react";
import * as server from "react-dom/server";

// The page as bytes without one large string (decision 048). React's renderToString adds each
// of its thousands of pieces to one string; encoding that string first makes it one flat copy,
// and a page with any character beyond Latin-1 (an en dash in a label is enough) is stored two
// bytes a character: over 64,000 characters that copy is a large object of its own, which cost
// about 1 ms of the plan page's 16. Here the pieces are gathered into strings of about PIECE
// characters, each encoded as it fills, and the bytes joined once.

const PIECE = 16_384;

type RenderToChunks = (element: ReactNode, options: undefined, sink: (chunk: string) => void) => void;

/** React's legacy server renderer, patched to hand over its pieces (patches/react-dom+18.3.1.patch). */
const renderToChunks = (server as unknown as { renderToChunks?: RenderToChunks }).renderToChunks;

export const renderToChunksPatched = typeof renderToChunks === "function";

/** `prefix` and the element drawn as renderToString draws it, encoded as UTF-8. */
export function renderToBytes(element: ReactNode, prefix = ""): Buffer<ArrayBuffer> {
  if (!renderToChunks) return Buffer.from(prefix + server.renderToString(element));
  const parts: Buffer[] = [];
  let pending = prefix;
  const flush = () => {
    if (pending) parts.push(Buffer.from(pending));
    pending = "";
  };
  renderToChunks(element, undefined, (chunk) => {
    // A large piece is one string already (the loader data for the browser): encoded as it is.
    if (chunk.length >= PIECE) {
      flush();
      parts.push(Buffer.from(chunk));
      return;
    }
    pending += chunk;
    if (pending.length >= PIECE) flush();
  });
  flush();
  // A new buffer of its own (never a shared one), as a body must be.
  return Buffer.concat(parts) as Buffer<ArrayBuffer>;
}
