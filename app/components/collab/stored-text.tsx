import { Prose } from "../plan/shared.tsx";

/**
 * A shared text as the server last stored it: the HTML it rendered from the document
 * (sanitised on the server, so only paragraphs, lists, headings, emphasis and safe links), or
 * the plain text column for a text never opened in the editor.
 */
export function StoredText({ html, text, empty }: { html?: string; text?: string | null; empty?: string }) {
  if (html) return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
  return <Prose text={text} empty={empty} />;
}
