import { describe, expect, it } from "vitest";
import { bodyLimitFor, ConnectionLimits, ipKey, LIMITS, RateLimiter } from "../../server/http/limits.ts";
import { isPortalOrigin } from "../../server/http/origin-check.ts";
import { createLogger, errorForLog, REDACTED_KEYS, withRequestId } from "../../server/ops/log.ts";

describe("logs", () => {
  it("hides every listed key's value, at the top and nested, in whatever is logged", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", stream: { write: (line: string) => void lines.push(line) } });
    const secrets = Object.fromEntries(REDACTED_KEYS.map((key) => [key, `hemmelig-${key}`]));
    logger.info({ ...secrets, req: { headers: secrets }, nested: { deeper: secrets } }, "test");
    const line = lines.join("");
    for (const key of REDACTED_KEYS) expect(line, key).not.toContain(`hemmelig-${key}`);
    expect(line).toContain("[skjult]");
  });

  it("puts the request id on every line inside a request", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", stream: { write: (line: string) => void lines.push(line) } });
    withRequestId("req-12345678", () => logger.info("inside"));
    logger.info("outside");
    expect(JSON.parse(lines[0]).requestId).toBe("req-12345678");
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });

  it("logs an error by its type and stack frames, never its message (it may quote a plan's text)", () => {
    const error = new Error('Invalid value "Kari vil bo for seg selv" for column text');
    const logged = errorForLog(error);
    expect(JSON.stringify(logged)).not.toContain("Kari");
    expect(logged).toMatchObject({ type: "Error" });
    expect(String(logged.stack)).toMatch(/^\s+at /);
  });
});

describe("limits", () => {
  it("allows a burst, then refills at the rate", () => {
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 });
    const at = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take("a", at))).toEqual([true, true, true, false]);
    expect(limiter.take("b", at)).toBe(true);
    expect(limiter.take("a", at + 999)).toBe(false);
    expect(limiter.take("a", at + 1000)).toBe(true);
  });

  it("holds a session to its open sockets until one is released", () => {
    const limits = new ConnectionLimits();
    for (let i = 0; i < LIMITS.connections.openPerSession; i++) expect(limits.admit(`10.0.0.${i}`, "s")).toBe("ok");
    expect(limits.admit("10.0.0.99", "s")).toBe("open");
    limits.released("10.0.0.0", "s");
    expect(limits.admit("10.0.0.99", "s")).toBe("ok");
  });

  it("caps the open sockets of one address too, also those without a session", () => {
    const limits = new ConnectionLimits();
    for (let i = 0; i < LIMITS.connections.openPerIp; i++) limits.opened("10.1.1.1", null);
    expect(limits.check("10.1.1.1", null)).toBe("open");
    expect(limits.check("10.1.1.2", null)).toBe("ok");
  });

  it("limits an IPv6 client by its /64 network, an IPv4 client by its address", () => {
    expect(ipKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipKey("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(ipKey("10.0.0.1")).toBe("10.0.0.1");
    expect(ipKey(null)).toBe("unknown");
  });

  it("gives the upload limit only where case documents are uploaded", () => {
    expect(bodyLimitFor("POST", "/api/trpc/case.addDocument")).toBe(LIMITS.body.upload);
    expect(bodyLimitFor("POST", "/saker/0b5f3c1e-8a4d-4f6b-9c2d-1e2f3a4b5c6d")).toBe(LIMITS.body.upload);
    expect(bodyLimitFor("POST", "/api/trpc/case.addDocument,auth.login")).toBe(LIMITS.body.default);
    expect(bodyLimitFor("POST", "/login")).toBe(LIMITS.body.default);
  });
});

describe("origin check", () => {
  const request = (origin: string, host: string, encrypted = false) => ({ headers: { origin, host }, socket: { encrypted } as never });
  it("compares scheme and host, not host alone (issue 11)", () => {
    const options = { allowedOrigins: [], trustProxy: false };
    expect(isPortalOrigin(request("http://ip.kommune.no", "ip.kommune.no"), options)).toBe(true);
    expect(isPortalOrigin(request("https://ip.kommune.no", "ip.kommune.no"), options)).toBe(false);
    expect(isPortalOrigin(request("https://ip.kommune.no", "ip.kommune.no", true), options)).toBe(true);
    expect(isPortalOrigin(request("http://ip.kommune.no.evil.example", "ip.kommune.no"), options)).toBe(false);
  });
});
