// Simulated editors for `npm run bench:collab`, in their own process (forked by bench/collab.ts,
// never in the server's; several such processes split the editors between them). Each editor
// is a real @hocuspocus/provider client on its own WebSocket with its own Y.Doc, typing into its
// own paragraph of the TipTap "default" XmlFragment. Every change is one Yjs transaction: a few
// characters of text plus, in the "bench" map under the editor's key, its sequence number and
// the time it was made (with the times of its previous few changes, because the server may
// merge several updates of one sender into one message). Every other editor of the document
// observes the map and records now − t for each change it receives: one delivery per (change,
// receiving peer), timed on the machine's monotonic clock.
import { performance } from "node:perf_hooks";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { clock, type DriverSetup, type FromDriver, type StepCounts, type StepOrder, type ToDriver } from "./collab-shared.ts";

const HISTORY = 8;
const WORDS = ["Målet ", "er ", "at ", "jeg ", "kan ", "bo ", "hjemme ", "og ", "klare ", "meg ", "selv. "];
const MAX_PARAGRAPH = 400;

interface Stamp {
  /** Sequence number of the sender's change. */
  s: number;
  /** clock() when the change was made. */
  t: number;
  /** The previous changes' times, as (t − t_previous) in 1/100 ms, newest first. */
  h: number[];
}

/** What this process saw of the changes made within [t0, t1). */
class Window {
  samples: number[] = [];
  changes = 0;
  expected = 0;
  delivered = 0;
  onTime = 0;
  estimated = 0;
  lastDelivery = 0;
  constructor(readonly order: StepOrder) {}
}

let window: Window | null = null;

class Editor {
  readonly doc = new Y.Doc();
  readonly map = this.doc.getMap<Stamp>("bench");
  readonly fragment = this.doc.getXmlFragment("default");
  text: Y.XmlText | null = null;
  socket: HocuspocusProviderWebsocket | null = null;
  provider: HocuspocusProvider | null = null;
  seq = 0;
  history: number[] = [];
  /** The last sequence number seen from each other editor of the document, and its time. */
  readonly last = new Map<string, number>();
  readonly lastT = new Map<string, number>();
  problems: string[] = [];

  constructor(
    readonly key: string,
    /** The other editors of the document, in every driver process. */
    readonly peers: number,
  ) {
    this.map.observe((event) => {
      if (event.transaction.local) return;
      const now = clock();
      for (const key of event.keysChanged) {
        if (key === this.key) continue;
        const stamp = this.map.get(key);
        if (!stamp) continue;
        const previous = this.last.get(key);
        const previousT = this.lastT.get(key) ?? stamp.t;
        this.last.set(key, stamp.s);
        this.lastT.set(key, stamp.t);
        const w = window;
        if (previous === undefined || !w) continue;
        // Every change this message brings, each counted in the window it was made in. The
        // stamp knows the times of the sender's last HISTORY changes; older ones (more updates
        // of one sender merged into one message) are placed evenly between the previous stamp
        // this editor saw and the oldest time the stamp knows.
        const oldest = stamp.s - stamp.h.length;
        const oldestT = stamp.h.length ? stamp.t - stamp.h[stamp.h.length - 1] / 100 : stamp.t;
        for (let s = previous + 1; s <= stamp.s; s++) {
          const back = stamp.s - s;
          const estimated = back > stamp.h.length;
          const t = back === 0 ? stamp.t : !estimated ? stamp.t - stamp.h[back - 1] / 100 : previousT + ((oldestT - previousT) * (s - previous)) / (oldest - previous);
          if (t < w.order.t0 || t >= w.order.t1) continue;
          w.lastDelivery = now;
          w.delivered++;
          if (now <= w.order.deadline) w.onTime++;
          w.samples.push(now - t);
          if (estimated) w.estimated++;
        }
      }
    });
  }

  /** Opens this editor's paragraph and announces its key (sequence 0). */
  start(index: number) {
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      this.fragment.insert(this.fragment.length, [paragraph]);
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, `Redaktør ${index}: `);
      this.text = text;
      this.map.set(this.key, { s: 0, t: clock(), h: [] });
    });
  }

  change() {
    const t = clock();
    const text = this.text!;
    this.doc.transact(() => {
      if (text.length > MAX_PARAGRAPH) text.delete(0, MAX_PARAGRAPH / 2);
      text.insert(text.length, WORDS[this.seq % WORDS.length]);
      this.seq++;
      this.map.set(this.key, { s: this.seq, t, h: this.history.map((p) => Math.round((t - p) * 100)) });
    });
    this.history.unshift(t);
    if (this.history.length > HISTORY) this.history.pop();
    const w = window;
    if (w && t >= w.order.t0 && t < w.order.t1) {
      w.changes++;
      w.expected += this.peers;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const send = (message: FromDriver) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

function connect(setup: DriverSetup, docName: string, cookie: string, editor: Editor, index: number): Promise<void> {
  // Each editor is a person at their own address, as the proxy in front of the portal says.
  const headers: Record<string, string> = { Origin: setup.origin, "X-Forwarded-For": `10.${setup.opening & 255}.${(index >> 8) & 255}.${index & 255}` };
  if (cookie) headers.Cookie = cookie;
  // A browser sends the session cookie and its Origin with the upgrade; so does this.
  class NodeWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers, perMessageDeflate: false });
      this.on("unexpected-response", (_request, response) => {
        editor.problems.push(`upgrade refused: HTTP ${response.statusCode} ${response.statusMessage ?? ""}`.trim());
        response.resume();
      });
      this.on("close", (code, reason) => {
        if (code !== 1000 && code !== 1005) editor.problems.push(`closed ${code} ${reason.toString()}`.trim());
      });
    }
  }
  return new Promise((resolve) => {
    // One WebSocket per editor, as one browser tab each.
    editor.socket = new HocuspocusProviderWebsocket({ url: setup.url, WebSocketPolyfill: NodeWebSocket });
    editor.provider = new HocuspocusProvider({
      websocketProvider: editor.socket,
      name: docName,
      document: editor.doc,
      // The portal authenticates by the session cookie; the token is not used.
      token: "session-cookie",
      onAuthenticationFailed: ({ reason }) => editor.problems.push(`authentication failed: ${reason}`),
      onSynced: ({ state }) => {
        if (state) resolve();
      },
    });
    editor.provider.attach();
    editor.provider.setAwarenessField("user", { name: editor.key, color: "#3366cc" });
  });
}

let editors: Editor[] = [];
/** Each local editor's index among all editors, for spreading the changes evenly over time. */
let phases: number[] = [];

async function prepare(setup: DriverSetup) {
  const mine: { doc: string; cookie: string; editor: Editor; index: number }[] = [];
  let global = 0;
  for (const doc of setup.docs) {
    doc.cookies.forEach((cookie, i) => {
      if (global % setup.parts === setup.part) mine.push({ doc: doc.name, cookie, editor: new Editor(`e${i}`, doc.cookies.length - 1), index: global });
      global++;
    });
  }
  phases = mine.map((m) => m.index / global);

  // Connect in batches, as editors arriving over a few seconds would.
  for (let i = 0; i < mine.length; i += 50) {
    const batch = mine.slice(i, i + 50);
    const outcome = await Promise.race([
      Promise.all(batch.map((m) => connect(setup, m.doc, m.cookie, m.editor, m.index))),
      sleep(20_000).then(() => "timeout" as const),
    ]);
    if (outcome === "timeout") {
      const refused = batch.filter((m) => !m.editor.provider?.isSynced);
      const reasons = [...new Set(refused.flatMap((m) => m.editor.problems))];
      throw new Error(
        `${refused.length} of ${batch.length} editors (e.g. of ${refused[0].doc}) did not sync within 20 s: ${reasons.join("; ") || "no close reason received"}`,
      );
    }
  }
  editors = mine.map((m) => m.editor);
  for (const m of mine) m.editor.start(Number(m.editor.key.slice(1)));

  const since = performance.now();
  while (!editors.every((e) => e.last.size >= e.peers)) {
    if (performance.now() - since > 60_000) throw new Error("the editors did not see each other within 60 s");
    await sleep(50);
  }
}

/** Every editor makes `order.rate` changes a second from `order.start` until `order.t1`. */
function load(order: StepOrder): Promise<void> {
  return new Promise((resolve) => {
    const made = new Array<number>(editors.length).fill(0);
    // A driver that cannot keep up drops changes rather than bursting them; the step then
    // fails on changes made versus changes asked for.
    const maxBacklog = Math.max(2, order.rate / 10);
    const tick = () => {
      const now = clock();
      if (now >= order.t1) return resolve();
      const elapsed = ((now - order.start) / 1000) * order.rate;
      let next = Infinity;
      for (let i = 0; i < editors.length; i++) {
        const due = Math.floor(elapsed + phases[i]);
        if (due - made[i] > maxBacklog) made[i] = due - maxBacklog;
        while (made[i] < due) {
          editors[i].change();
          made[i]++;
        }
        next = Math.min(next, made[i] + 1 - phases[i]);
      }
      // Sleep until the next change is due (the timer's resolution is a millisecond).
      const wait = order.start + (next / order.rate) * 1000 - clock();
      setTimeout(tick, Math.max(1, Math.min(wait, order.t1 - clock() + 1)));
    };
    setTimeout(tick, Math.max(0, order.start - clock()));
  });
}

async function step(order: StepOrder): Promise<StepCounts> {
  const w = new Window(order);
  window = w;
  let cpu0 = process.cpuUsage();
  const window0 = setTimeout(() => (cpu0 = process.cpuUsage()), Math.max(0, order.t0 - clock()));
  await load(order);
  clearTimeout(window0);
  const cpu = process.cpuUsage(cpu0);
  // Drain: wait for the stragglers until nothing has arrived for a while (a sixth of drainMs, at
  // most 2 s), or at most drainMs.
  const drainEnd = order.t1 + order.drainMs;
  const quiet = Math.min(2000, order.drainMs / 6);
  while (clock() < drainEnd && clock() - Math.max(w.lastDelivery, order.t1) < quiet) await sleep(25);
  const drainedAt = clock();
  window = null;
  return {
    changes: w.changes,
    expected: w.expected,
    delivered: w.delivered,
    onTime: w.onTime,
    estimated: w.estimated,
    samples: Float64Array.from(w.samples),
    cpuMs: (cpu.user + cpu.system) / 1000,
    drainedAt,
  };
}

/** The editors close their texts and connections (before the next texts, or at the end). */
function leave() {
  for (const editor of editors) {
    editor.provider?.destroy();
    editor.socket?.destroy();
  }
  editors = [];
}

async function handle(message: ToDriver) {
  try {
    if (message.type === "setup") {
      leave();
      await prepare(message.setup);
      await send({ type: "ready", editors: editors.length });
    } else if (message.type === "step") {
      await send({ type: "counts", counts: await step(message.order) });
    } else {
      leave();
      process.exit(0);
    }
  } catch (error) {
    await send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

process.on("message", (message: ToDriver) => void handle(message));
process.on("disconnect", () => process.exit(0));
