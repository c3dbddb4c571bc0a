// A small browser for sign-in tests: a cookie jar per host and redirects followed one by one,
// so a test can stop at the provider's answer (the callback URL) and change or replay it.
// It talks to the real portal and the real local provider over HTTP.

export class TestBrowser {
  private jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).host)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const host = new URL(origin).host;
    if (!this.jars.has(host)) this.jars.set(host, new Map());
    this.jars.get(host)!.set(name, value);
  }

  private store(url: URL, res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.trim().split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a)) || value === "";
      if (!this.jars.has(url.host)) this.jars.set(url.host, new Map());
      const jar = this.jars.get(url.host)!;
      if (expired) jar.delete(name!);
      else jar.set(name!, value);
    }
  }

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host);
    const headers: Record<string, string> = {};
    if (jar?.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers.origin = target.origin;
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" });
    this.store(target, res);
    return res;
  }

  /** Follows redirects until `stop` says so (given the next URL) or a page answers; returns that URL and answer. */
  async follow(url: string | URL, stop: (next: URL) => boolean = () => false, init: { form?: Record<string, string> } = {}) {
    let current = new URL(url);
    let res = await this.request(current, init);
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      const next = new URL(res.headers.get("location")!, current);
      if (stop(next)) return { url: next, res, stopped: true };
      current = next;
      res = await this.request(current);
    }
    return { url: current, res, stopped: false };
  }
}

/**
 * Starts a sign-in at the portal, chooses `person` on the test provider's page (and a level of
 * assurance), and stops at the provider's redirect back: returns the callback URL, not yet visited.
 */
export async function throughProvider(browser: TestBrowser, portalOrigin: string, slug: string, person: string, options: { acr?: string; redirectTo?: string } = {}): Promise<URL> {
  const start = `${portalOrigin}/auth/oidc/${slug}/start${options.redirectTo ? `?redirectTo=${encodeURIComponent(options.redirectTo)}` : ""}`;
  const atProvider = await browser.follow(start);
  if (atProvider.res.status !== 200 || !atProvider.url.pathname.startsWith("/interaction/")) {
    throw new Error(`expected the provider's chooser, got ${atProvider.res.status} at ${atProvider.url}`);
  }
  const page = await atProvider.res.text();
  const action = /action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error("no form on the provider's page");
  const isCallback = (next: URL) => next.origin === new URL(portalOrigin).origin && next.pathname.endsWith("/callback");
  const back = await browser.follow(new URL(action.replaceAll("&#47;", "/"), atProvider.url), isCallback, {
    form: { person, ...(options.acr ? { acr: options.acr } : {}) },
  });
  if (!back.stopped) throw new Error(`the provider did not send the browser back (${back.res.status} at ${back.url})`);
  return back.url;
}

/** The whole sign-in: returns where the portal sent the browser at the end and the session cookie. */
export async function signInThroughProvider(browser: TestBrowser, portalOrigin: string, slug: string, person: string, options: { acr?: string; redirectTo?: string } = {}) {
  const callback = await throughProvider(browser, portalOrigin, slug, person, options);
  const res = await browser.request(callback);
  return { status: res.status, location: res.headers.get("location"), session: browser.cookie(portalOrigin, "ip_session") };
}
