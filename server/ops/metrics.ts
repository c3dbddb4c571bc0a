import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics for operations: request latency, open sockets and texts, jobs waiting and
// failed, database pool use. Served at /metrics only with METRICS_TOKEN (server/app.ts), never
// publicly. Labels are coarse (what kind of request, never a path with ids), so nothing here
// names a person or a plan.

export interface MetricSources {
  sockets?: () => number;
  collabConnections?: () => number;
  collabDocuments?: () => number;
  jobs?: () => Promise<{ queue: string; waiting: number; failed: number }[]>;
  pool?: () => { total: number; idle: number; waiting: number } | null;
}

/** What a request was, for the latency label. */
export function requestKind(path: string): string {
  if (path.startsWith("/api/trpc")) return "trpc";
  if (path.startsWith("/build/") || /\.(js|css|svg|png|ico|woff2?)$/.test(path)) return "static";
  if (path.startsWith("/healthz") || path === "/metrics") return "ops";
  return "page";
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ip_portal_" });
  const sources: MetricSources = {};

  const latency = new Histogram({
    name: "ip_portal_http_request_duration_seconds",
    help: "HTTP request latency",
    labelNames: ["method", "kind", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const limited = new Counter({
    name: "ip_portal_rate_limited_total",
    help: "Requests and connections refused by a limit",
    labelNames: ["limit"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "ip_portal_open_sockets",
    help: "Open live-update (socket.io) connections",
    registers: [registry],
    collect() {
      this.set(sources.sockets?.() ?? 0);
    },
  });
  new Gauge({
    name: "ip_portal_collab_connections",
    help: "Open co-editing connections (one per text and page)",
    registers: [registry],
    collect() {
      this.set(sources.collabConnections?.() ?? 0);
    },
  });
  new Gauge({
    name: "ip_portal_collab_documents",
    help: "Co-edited texts open in memory",
    registers: [registry],
    collect() {
      this.set(sources.collabDocuments?.() ?? 0);
    },
  });
  new Gauge({
    name: "ip_portal_jobs",
    help: "Background jobs by queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await sources.jobs?.().catch(() => [])) ?? []) {
        this.set({ queue: q.queue, state: "waiting" }, q.waiting);
        this.set({ queue: q.queue, state: "failed" }, q.failed);
      }
    },
  });
  new Gauge({
    name: "ip_portal_db_pool_connections",
    help: "Database pool connections by state (PostgreSQL only)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      if (!pool) return;
      this.set({ state: "total" }, pool.total);
      this.set({ state: "idle" }, pool.idle);
      this.set({ state: "waiting" }, pool.waiting);
    },
  });

  return {
    registry,
    observeRequest(method: string, path: string, status: number, seconds: number) {
      latency.observe({ method, kind: requestKind(path), status: String(status) }, seconds);
    },
    limited(limit: "body" | "mutation" | "connection") {
      limited.inc({ limit });
    },
    /** Where the gauges read from; set as the parts start (jobs start after the server). */
    track(more: MetricSources) {
      Object.assign(sources, more);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
