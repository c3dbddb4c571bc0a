import { createRequire } from "node:module";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderToBytes, renderToChunksPatched } from "../../app/lib/render-to-bytes.server.ts";

// The page drawn to bytes in pieces (patches/react-dom+18.3.1.patch, decision 048): exactly the
// bytes of renderToString's string, without encoding one large string. The tests load React's
// development build; the server in production loads the minified one, checked here directly.
const require = createRequire(import.meta.url);
type Legacy = { renderToString(element: ReactNode): string; renderToChunks?(element: ReactNode, options: undefined, sink: (chunk: string) => void): void };
const cjs = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
const builds: Record<string, Legacy> = {
  production: require(path.join(cjs, "react-dom-server-legacy.node.production.min.js")),
  development: require(path.join(cjs, "react-dom-server-legacy.node.development.js")),
};

/** A page of about 200,000 characters with letters beyond Latin-1 (en dash, arrows, an emoji) throughout. */
const page = () =>
  createElement(
    "main",
    null,
    createElement("h1", null, "Kari Nordmanns plan – mål og tiltak"),
    createElement(
      "ul",
      null,
      Array.from({ length: 3000 }, (_, i) => createElement("li", { key: i, "data-i": i }, `Mål ${i} → «delvis nådd» 😊 `, createElement("b", null, "æøå & <ÆØÅ>"))),
    ),
  );

describe("pages drawn to bytes (patched React)", () => {
  it("is the patched build: both of React's legacy server builds hand over their pieces", () => {
    expect(renderToChunksPatched).toBe(true);
    for (const build of Object.values(builds)) expect(typeof build.renderToChunks).toBe("function");
  });

  it.each(Object.keys(builds))("hands over, in the %s build, pieces that together are renderToString's string", (name) => {
    const build = builds[name];
    const chunks: string[] = [];
    build.renderToChunks!(page(), undefined, (chunk) => chunks.push(chunk));
    expect(chunks.length).toBeGreaterThan(1000);
    expect(chunks.join("")).toBe(build.renderToString(page()));
  });

  it("gives the UTF-8 bytes of the prefix and renderToString's string, for a page larger than one piece and a small one", () => {
    const large = renderToBytes(page(), "<!DOCTYPE html>");
    const expected = `<!DOCTYPE html>${renderToString(page())}`;
    expect(expected.length).toBeGreaterThan(100_000);
    expect(large.equals(Buffer.from(expected))).toBe(true);
    expect(renderToBytes(createElement("p", null, "Hei – på deg")).toString("utf8")).toBe("<p>Hei – på deg</p>");
    // One piece larger than a gathered string (as the loader data's script is), between small ones.
    const script = createElement("script", { dangerouslySetInnerHTML: { __html: `window.data = ${JSON.stringify("å – ".repeat(20_000))};` } });
    const mixed = createElement("body", null, createElement("h1", null, "Før – etter"), script, page());
    expect(renderToBytes(mixed, "<!DOCTYPE html>").equals(Buffer.from(`<!DOCTYPE html>${renderToString(mixed)}`))).toBe(true);
  });

  it("throws what a component throws, as renderToString does", () => {
    const Broken = () => {
      throw new Error("ødelagt");
    };
    expect(() => renderToBytes(createElement(Broken))).toThrow("ødelagt");
  });
});
