import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import type * as RouterServer from "react-router-dom/server";
import { describe, expect, it } from "vitest";

// The patched route matching (patches/@remix-run+router+1.23.3.patch, decision 042): the server
// keeps each route tree's ranked branches and each path's compiled pattern, and matches exactly
// as before; a page's loader data is read from the text json() made (decision 049); a page's
// route tree and data routes are made once per build, and the routes of a page's parent paths
// are matched once (the @remix-run/react and react-router-dom patches, decision 050). Loaded
// through require, as Remix loads them on the server (CommonJS).
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;

const tree = () => [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "plan", path: "planer/:planId" },
      { id: "archive", path: "planer/:planId/arkiv/:archiveId" },
      { id: "lang", path: ":lang?/sprak" },
      { id: "case", path: "saker/:caseId", caseSensitive: true },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (routes: ReturnType<typeof tree>, path: string) => router.matchRoutes(routes, path)?.map((m) => [m.route.id, m.params]) ?? null;

describe("route matching (patched)", () => {
  it("is the patched build: npm install applied patches/ (patch-package in postinstall)", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPaths");
    expect(source).toContain("jsonBodies");
  });

  it("matches as React Router does, every time the same tree is matched again", () => {
    const routes = tree();
    for (let round = 0; round < 3; round++) {
      expect(ids(routes, "/")).toEqual([["root", {}], ["index", {}]]);
      expect(ids(routes, "/planer/42")).toEqual([["root", { planId: "42" }], ["plan", { planId: "42" }]]);
      expect(ids(routes, "/PLANER/42/")).toEqual([["root", { planId: "42" }], ["plan", { planId: "42" }]]);
      expect(ids(routes, "/planer/42/arkiv/7")).toEqual([["root", { planId: "42", archiveId: "7" }], ["archive", { planId: "42", archiveId: "7" }]]);
      expect(ids(routes, "/en/sprak")).toEqual([["root", { lang: "en" }], ["lang", { lang: "en" }]]);
      expect(ids(routes, "/sprak")?.[1]).toEqual(["lang", {}]);
      expect(ids(routes, "/saker/1")?.[1]).toEqual(["case", { caseId: "1" }]);
      // Case-sensitive and case-insensitive patterns of the same path are kept apart.
      expect(ids(routes, "/SAKER/1")?.[1]).toEqual(["splat", { "*": "SAKER/1" }]);
      expect(ids(routes, "/finnes/ikke")?.[1]).toEqual(["splat", { "*": "finnes/ikke" }]);
    }
    expect(router.matchPath({ path: "/planer/:planId", end: false }, "/planer/42/arkiv")?.pathnameBase).toBe("/planer/42");
    expect(router.matchPath("/planer/:planId", "/planer/42/arkiv")).toBeNull();
  });

  it("matches a new tree by its own routes, not by an earlier tree's", () => {
    const first = tree();
    expect(ids(first, "/moter")?.[1]).toEqual(["splat", { "*": "moter" }]);
    const second = tree();
    second[0].children.push({ id: "meetings", path: "moter" });
    expect(ids(second, "/moter")?.[1]).toEqual(["meetings", {}]);
    expect(ids(first, "/moter")?.[1]).toEqual(["splat", { "*": "moter" }]);
  });

  it("gives a page's render its loaders' json() data as the browser gets it, without reading the body's stream (decision 049)", async () => {
    const when = new Date(Date.UTC(2026, 11, 1, 9, 30));
    const loaded = { title: "Mål – gå tur", when, none: undefined, list: [1, "to"] };
    let answered: Response | undefined;
    const handler = router.createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () => (answered = router.json(loaded, { headers: { "X-Test": "1" } })),
        children: [
          { id: "text", path: "tekst", loader: () => new Response("bare tekst") },
          { id: "other", path: "annen", loader: () => new Response(JSON.stringify({ other: "svar" }), { headers: { "Content-Type": "application/json" } }) },
        ],
      },
    ]);
    const context = await handler.query(new Request("http://localhost/tekst"));
    if (context instanceof Response) throw new Error("a redirect");
    expect(context.loaderData.root).toEqual({ title: "Mål – gå tur", when: when.toISOString(), list: [1, "to"] });
    expect(context.loaderHeaders.root.get("X-Test")).toBe("1");
    expect(answered?.bodyUsed).toBe(false);
    expect(context.loaderData.text).toBe("bare tekst");
    const other = await handler.query(new Request("http://localhost/annen"));
    if (other instanceof Response) throw new Error("a redirect");
    expect(other.loaderData.other).toEqual({ other: "svar" });
    // The body json() made is still there for whoever sends it (a ?_data request).
    expect(await router.json(loaded).json()).toEqual({ title: "Mål – gå tur", when: when.toISOString(), list: [1, "to"] });
  });

  it("makes a route tree's data routes once, so a page's matching reuses their ranked branches (decision 050)", async () => {
    const remixServer = readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8");
    expect(remixServer).toContain("serverRoutesCache");
    const { createStaticHandler, createStaticRouter } = require("react-router-dom/server") as typeof RouterServer;
    const routes = tree();
    const handler = createStaticHandler(routes);
    const routerFor = async (url: string) => {
      const context = await handler.query(new Request(url));
      if (context instanceof Response) throw new Error("a redirect");
      return createStaticRouter(routes, context);
    };
    const plan = await routerFor("http://localhost/planer/42");
    const archive = await routerFor("http://localhost/planer/42/arkiv/7");
    expect(archive.routes).toBe(plan.routes);
    expect(plan.state.matches.map((m) => [m.route.id, m.params])).toEqual([["root", { planId: "42" }], ["plan", { planId: "42" }]]);
    expect(archive.state.matches.map((m) => m.route.id)).toEqual(["root", "archive"]);
    // Each match carries the tree's own data route, as without the cache.
    expect(archive.state.matches[1].route).toBe(archive.routes[0].children?.find((r) => r.id === "archive"));
    // Another tree has data routes of its own.
    const other = tree();
    const otherContext = await createStaticHandler(other).query(new Request("http://localhost/"));
    if (otherContext instanceof Response) throw new Error("a redirect");
    expect(createStaticRouter(other, otherContext).routes).not.toBe(plan.routes);
  });

  it("names the routes of a page's parent paths in the page's manifest as before, matching each path once per tree", async () => {
    const fogOfWar = require("@remix-run/react/dist/fog-of-war.js") as { getPartialManifest: (manifest: unknown, router: unknown) => { routes: Record<string, unknown> } };
    expect(readFileSync(require.resolve("@remix-run/react/dist/fog-of-war.js"), "utf8")).toContain("parentRouteIdsCache");
    const { createStaticHandler, createStaticRouter } = require("react-router-dom/server") as typeof RouterServer;
    const routes = tree();
    const manifest = { version: "1", routes: Object.fromEntries(["root", "index", "plan", "archive", "lang", "case", "splat"].map((id) => [id, { id }])) };
    const partial = async (url: string) => {
      const context = await createStaticHandler(routes).query(new Request(url));
      if (context instanceof Response) throw new Error("a redirect");
      return Object.keys(fogOfWar.getPartialManifest(manifest, createStaticRouter(routes, context)).routes).sort();
    };
    // As the unpatched code gives them: the page's own routes, and matchRoutes for each parent path.
    const unpatched = (path: string) => {
      const segments = path.split("/").filter(Boolean);
      const parents = segments.slice(0, -1).map((_, i) => `/${segments.slice(0, i + 1).join("/")}`);
      return [...new Set([path, "/", ...parents].flatMap((p) => router.matchRoutes(routes, p)?.map((m) => m.route.id) ?? []))].sort();
    };
    expect(unpatched("/planer/42/arkiv/7")).toEqual(["archive", "index", "plan", "root", "splat"]);
    for (const path of ["/planer/42/arkiv/7", "/planer/42/arkiv/8", "/planer/43/arkiv/8", "/saker/9", "/"]) {
      expect(await partial(`http://localhost${path}`), path).toEqual(unpatched(path));
    }
  });
});
