import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { storable } from "../../app/domain/text.ts";

// The Yjs document of a text and its two projections: plain text (search, print, export,
// the entity's own column) and HTML (the first paint before the editor loads). The HTML is
// built here from an allow-list, never copied from the client, so it is safe to render.

/** The field TipTap's Collaboration extension uses by default. */
export const FRAGMENT = "default";

const schema = getSchema([StarterKit]);

interface Mark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface PmNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Mark[];
  content?: PmNode[];
}

export function toJSON(doc: Y.Doc): PmNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema).toJSON() as PmNode;
}

/** A document holding `text`, one paragraph per line: how texts written before co-editing start. */
export function yDocFromText(text: string): Y.Doc {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => (line ? { type: "paragraph", content: [{ type: "text", text: line }] } : { type: "paragraph" }));
  const json = { type: "doc", content: text.trim() ? paragraphs : [{ type: "paragraph" }] };
  return prosemirrorJSONToYDoc(schema, json, FRAGMENT);
}

export function toText(node: PmNode): string {
  return blocks(node).join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

function blocks(node: PmNode, listPrefix = ""): string[] {
  const children = node.content ?? [];
  switch (node.type) {
    case "doc":
    case "blockquote":
      return children.flatMap((child) => blocks(child));
    case "bulletList":
      return children.flatMap((item) => blocks(item, "- "));
    case "orderedList": {
      const start = Number(node.attrs?.start ?? 1);
      return children.flatMap((item, i) => blocks(item, `${start + i}. `));
    }
    case "listItem":
      return children.flatMap((child, i) => blocks(child).map((line, j) => (i === 0 && j === 0 ? listPrefix + line : `  ${line}`)));
    case "horizontalRule":
      return [""];
    default:
      return [inline(children)];
  }
}

function inline(nodes: PmNode[]): string {
  return nodes.map((n) => (n.type === "text" ? (n.text ?? "") : n.type === "hardBreak" ? "\n" : inline(n.content ?? []))).join("");
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const BLOCK_TAGS: Record<string, string> = {
  paragraph: "p",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  blockquote: "blockquote",
  codeBlock: "pre",
};
const MARK_TAGS: Record<string, string> = { bold: "strong", italic: "em", strike: "s", underline: "u", code: "code" };

export function toHtml(node: PmNode): string {
  const children = (node.content ?? []).map(toHtml).join("");
  switch (node.type) {
    case "doc":
      return children;
    case "text":
      return (node.marks ?? []).reduce((html, mark) => wrapMark(html, mark), escape(node.text ?? ""));
    case "hardBreak":
      return "<br>";
    case "horizontalRule":
      return "<hr>";
    case "heading": {
      // Only the levels the editor offers; anything else a client sends becomes h3.
      const level = [1, 2, 3, 4, 5, 6].includes(Number(node.attrs?.level)) ? Number(node.attrs?.level) : 3;
      return `<h${level}>${children}</h${level}>`;
    }
    default: {
      const tag = BLOCK_TAGS[node.type] ?? "p";
      return `<${tag}>${children}</${tag}>`;
    }
  }
}

function wrapMark(html: string, mark: Mark): string {
  if (mark.type === "link") {
    const href = safeHref(mark.attrs?.href);
    return href ? `<a href="${escape(href)}" rel="noopener noreferrer nofollow">${html}</a>` : html;
  }
  const tag = MARK_TAGS[mark.type];
  return tag ? `<${tag}>${html}</${tag}>` : html;
}

function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:", "tel:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function project(doc: Y.Doc): { text: string; html: string } {
  const json = toJSON(doc);
  // A client may send characters that cannot be stored; the projections drop them.
  return { text: storable(toText(json)), html: storable(toHtml(json)) };
}
