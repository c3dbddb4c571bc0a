import { describe, expect, it } from "vitest";
import { parseDocumentName } from "../../server/collab/names.ts";
import { toHtml, toText, type PmNode } from "../../server/collab/projection.ts";

const doc = (...content: PmNode[]): PmNode => ({ type: "doc", content });
const p = (...content: PmNode[]): PmNode => ({ type: "paragraph", content });
const text = (t: string, marks?: PmNode["marks"]): PmNode => ({ type: "text", text: t, marks });

describe("projection of a co-edited text", () => {
  it("gives plain text with list markers and HTML from an allow-list", () => {
    const node = doc(
      { type: "heading", attrs: { level: 3 }, content: [text("Morgen")] },
      p(text("Jeg vil "), text("selv", [{ type: "bold" }]), text(" lage frokost.")),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("Brød"))] }, { type: "listItem", content: [p(text("Te"))] }] },
      { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [p(text("Stå opp"))] }] },
    );
    expect(toText(node)).toBe("Morgen\nJeg vil selv lage frokost.\n- Brød\n- Te\n1. Stå opp");
    expect(toHtml(node)).toBe(
      "<h3>Morgen</h3><p>Jeg vil <strong>selv</strong> lage frokost.</p><ul><li><p>Brød</p></li><li><p>Te</p></li></ul><ol><li><p>Stå opp</p></li></ol>",
    );
  });

  it("escapes what people type and keeps only safe links", () => {
    const node = doc(
      p(text("<script>alert(1)</script> & \"x\"")),
      p(text("fastlegen", [{ type: "link", attrs: { href: "https://helsenorge.no/" } }])),
      p(text("lur", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])),
      { type: "iframe", content: [text("ukjent")] },
    );
    const html = toHtml(node);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;");
    expect(html).toContain('<a href="https://helsenorge.no/" rel="noopener noreferrer nofollow">fastlegen</a>');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<iframe");
    expect(html).toContain("<p>ukjent</p>");
  });

  it("makes a heading of a level the editor does not offer an h3, never <hNaN> (issue 11)", () => {
    for (const level of ["x", null, 0, 7, 2.5, "3"]) {
      expect(toHtml(doc({ type: "heading", attrs: { level } as never, content: [text("Tittel")] }))).toBe("<h3>Tittel</h3>");
    }
    expect(toHtml(doc({ type: "heading", attrs: { level: 4 }, content: [text("Under")] }))).toBe("<h4>Under</h4>");
  });
});

describe("document names", () => {
  it("accepts only the texts that exist", () => {
    const id = "0b5f3c1e-8a4d-4f6b-9c2d-1e2f3a4b5c6d";
    expect(parseDocumentName(`goal:${id}:description`)).toEqual({ kind: "goal", id, field: "description" });
    expect(parseDocumentName(`plan:${id}:aboutMe`)).toEqual({ kind: "plan", id, field: "aboutMe" });
    expect(parseDocumentName(`plan:${id}:ownerId`)).toBeNull();
    expect(parseDocumentName(`goal:${id}:title`)).toBeNull();
    expect(parseDocumentName(`user:${id}:name`)).toBeNull();
    expect(parseDocumentName(`goal:not-an-id:description`)).toBeNull();
    // One spelling per text: an upper-case id would open a second live copy (issue 11).
    expect(parseDocumentName(`goal:${id.toUpperCase()}:description`)).toBeNull();
    expect(parseDocumentName(`GOAL:${id}:description`)).toBeNull();
  });
});
