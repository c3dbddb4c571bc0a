import net from "node:net";

// A TCP proxy for fault tests: in front of PostgreSQL it can cut every connection and refuse new
// ones (the database "goes away" for this test only); in front of two portal instances it sends
// each new connection to the first one that answers, as a load balancer would.

export interface TcpProxy {
  port: number;
  /** Cuts every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreams: () => number[]): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let down = false;

  function connectUpstream(client: net.Socket, ports: number[]) {
    const [port, ...rest] = ports;
    if (port === undefined) return client.destroy();
    const upstream = net.connect(port, "127.0.0.1");
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    // Not there (killed): the next one. Gone mid-connection: the client sees it end.
    upstream.once("error", () => (connected ? client.destroy() : connectUpstream(client, rest)));
    upstream.once("close", () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    if (down) return client.destroy();
    open.add(client);
    client.once("error", () => {});
    client.once("close", () => open.delete(client));
    connectUpstream(client, upstreams());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
