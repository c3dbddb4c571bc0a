import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressAnswers } from "../../server/http/compression.ts";

// The portal's compression (decision 039): brotli with a 256 KB window for browsers that take it,
// gzip for the others, and the page comes back whole either way.

const page = `<!DOCTYPE html><main>${Array.from({ length: 3000 }, (_, i) => `<p>Mål ${i}: å klare morgenen selv</p>`).join("")}</main>`;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use(compressAnswers());
  app.get("/", (_req, res) => res.type("html").send(page));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The raw answer, not decoded (fetch would decode it). */
function get(acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${origin}/`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("compressAnswers", () => {
  it("answers a browser that takes brotli with brotli, whole", async () => {
    const answer = await get("gzip, deflate, br, zstd");
    expect(answer.encoding).toBe("br");
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(page) / 10);
    expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(page);
  });

  it("answers gzip to one that takes only gzip, and nothing compressed to one that takes neither", async () => {
    const gzip = await get("gzip");
    expect(gzip.encoding).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(page);
    const plain = await get("identity");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });
});
