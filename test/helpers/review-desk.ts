import type { Page } from "playwright-core";
import type { IntegrationHarness } from "./integration-harness.ts";

// Set-up shared by the review desk tests: accounts made through the real `wikigen reviewers add`,
// and logging in through the real login page.

/** Adds an account with a generated password through the CLI and returns the password it printed once. */
export async function addAccount(harness: IntegrationHarness, name: string, role: "reviewer" | "editor"): Promise<string> {
  const run = await harness.wikigen(["reviewers", "add", name, "--role", role]);
  const password = /^password \(shown only now\): (\S+)$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || !password) throw new Error(`reviewers add ${name} failed (${run.code}): ${run.stderr}${run.stdout}`);
  return password;
}

/** Logs in on the login page the browser is on (or is sent to) and waits to leave it. */
export async function logIn(page: Page, baseUrl: string, name: string, password: string): Promise<void> {
  if (!page.url().includes("/login")) await page.goto(new URL("/login", baseUrl).href);
  await page.getByRole("textbox", { name: "Account" }).fill(name);
  await page.getByLabel("Password or token").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}
