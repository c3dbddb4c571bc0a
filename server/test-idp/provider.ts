import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Provider, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { maskIdentityNumber } from "../../app/domain/identity-number.ts";
import { TEST_RESIDENTS, TEST_STAFF, type TestPerson } from "./persons.ts";

// A local OpenID provider with synthetic test persons (decision 015), built on oidc-provider,
// the certified provider library by openid-client's author. It stands in for ID-porten (residents,
// `pid` claim, levels of assurance) and for a staff provider (HelseID/Entra ID, a `roles` claim)
// where there is no internet: the embedded demo and the tests sign in through it. It listens on
// loopback only and is never started in production unless asked for (server/index.ts).

export const ID_PORTEN_ACR = ["idporten-loa-substantial", "idporten-loa-high"] as const;

export interface TestClient {
  clientId: string;
  clientSecret: string;
  kind: "RESIDENT" | "STAFF";
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestIdpOptions {
  clients: TestClient[];
  port?: number;
}

export interface TestIdp {
  issuer: string;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.5rem}.note{color:#444}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{font:inherit;width:100%;text-align:left;padding:.75rem 1rem;border:2px solid #1f4e8c;border-radius:6px;background:#fff;color:#1a1a1a;cursor:pointer}
button:hover,button:focus{background:#e8f0fb;outline:3px solid #1f4e8c;outline-offset:2px}
.banner{background:#fff3cd;border:1px solid #8a6d00;padding:.5rem 1rem;border-radius:6px}
label{display:block;margin:1rem 0 .25rem;font-weight:600}select{font:inherit;padding:.4rem}
</style></head><body><main>${body}</main></body></html>`;
}

function chooser(person: TestPerson): string {
  const number = maskIdentityNumber(person.pid);
  return `<li><button type="submit" name="person" value="${esc(person.sub)}">${esc(person.name)}<br><span class="note">${esc(person.note)} · ${esc(number)}</span></button></li>`;
}

/** Starts the provider on 127.0.0.1; the issuer is its own address. */
export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const everyone = [...TEST_RESIDENTS, ...TEST_STAFF];
  const kindOf = (clientId: string | undefined) => options.clients.find((c) => c.clientId === clientId)?.kind ?? "RESIDENT";

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.kind === "RESIDENT" ? "Individuell plan (innbyggere)" : "Individuell plan (ansatte)",
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // PKCE for every client, as ID-porten requires.
    pkce: { required: () => true },
    acrValues: [...ID_PORTEN_ACR],
    claims: {
      openid: ["sub"],
      profile: ["name", "pid"],
      email: ["email", "email_verified"],
      roles: ["roles"],
    },
    // The claims go in the ID token, as ID-porten puts `pid` there; no userinfo call is needed.
    conformIdTokenClaims: false,
    ttl: {
      IdToken: 120,
      AccessToken: 60,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Signing out of the portal signs out here too, without a second question.
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            "Logger ut",
            `<h1>Logger ut …</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Logg ut</button>
<script>(function(){var f=document.getElementById("op.logoutForm");var i=document.createElement("input");i.type="hidden";i.name="logout";i.value="yes";f.appendChild(i);f.submit();})();</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page("Logget ut", "<h1>Du er logget ut</h1>");
        },
      },
    },
    // First-party clients: no consent screen, the grant is made when asked for.
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client!.clientId;
      const accountId = ctx.oidc.session!.accountId!;
      const existing = ctx.oidc.session!.grantIdFor(clientId);
      if (existing) {
        const grant = await ctx.oidc.provider.Grant.find(existing);
        if (grant) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid profile email roles");
      await grant.save();
      ctx.oidc.session!.ensureClientContainer(clientId);
      ctx.oidc.session!.grantIdFor(clientId, grant.jti);
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const person = everyone.find((p) => p.sub === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          pid: person.pid,
          name: person.name,
          ...(person.email ? { email: person.email, email_verified: true } : {}),
          ...(person.roles ? { roles: person.roles } : {}),
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Feil", `<h1>Noe gikk galt</h1><p>${esc(String(out.error_description ?? out.error ?? ""))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);

  const form = express.urlencoded({ extended: false, limit: "4kb" });
  app.get("/interaction/:uid", async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const clientId = String(details.params.client_id ?? "");
      const resident = kindOf(clientId) === "RESIDENT";
      const people = resident ? TEST_RESIDENTS : TEST_STAFF;
      const levels = resident
        ? `<label for="acr">Sikkerhetsnivå</label><select id="acr" name="acr"><option value="idporten-loa-high">Høyt (MinID med app, BankID)</option><option value="idporten-loa-substantial">Betydelig</option></select>`
        : "";
      res.type("html").send(
        page(
          resident ? "ID-porten (test)" : "Ansattinnlogging (test)",
          `<p class="banner">Testmiljø: bare syntetiske testpersoner.</p>
<h1>${resident ? "ID-porten (test)" : "Ansattinnlogging (test)"}</h1>
<p>Velg hvem du vil logge inn som.</p>
<form method="post" action="/interaction/${esc(details.uid)}/login">${levels}<ul>${people.map(chooser).join("")}</ul></form>`,
        ),
      );
    } catch (error) {
      next(error);
    }
  });
  app.post("/interaction/:uid/login", form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const person = everyone.find((p) => p.sub === req.body.person);
      if (!person) return void res.status(400).type("html").send(page("Feil", "<h1>Velg en testperson</h1>"));
      const resident = kindOf(String(details.params.client_id ?? "")) === "RESIDENT";
      const acr = resident && ID_PORTEN_ACR.includes(req.body.acr) ? String(req.body.acr) : resident ? "idporten-loa-high" : undefined;
      await provider.interactionFinished(req, res, { login: { accountId: person.sub, ...(acr ? { acr } : {}) } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });
  app.use(provider.callback());

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
