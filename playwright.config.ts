import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

// End-to-end tests: the built portal on its own port with a fresh embedded database
// (tests/e2e/start-server.ts), driven through Chromium. `npm run test:e2e` builds first.

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;

const INSTALL_HELP =
  "Install one with `apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, " +
  "or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome executable.";

/** Which Chromium to drive: an explicit path, then the distribution's, then Playwright's own. */
function resolveChromium(): string {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist. ${INSTALL_HELP}`);
    return fromEnv;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(`No Chromium found for the end-to-end tests. ${INSTALL_HELP}`);
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: resolveChromium(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx tests/e2e/start-server.ts",
    url: `${BASE_URL}/healthz`,
    env: { PORT: String(PORT) },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    // Lets the server close the embedded database before it goes.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
