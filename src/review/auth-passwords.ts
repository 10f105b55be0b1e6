import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// Reviewer credentials. A password is stored as an scrypt hash with its own random salt and its cost
// parameters, "scrypt$N$r$p$salt$hash" (base64url), so stronger parameters later still verify old
// hashes. A token is 32 random bytes; with that much entropy a slow hash buys nothing, so the store
// keeps its SHA-256. Every comparison is constant-time, and a name without an account still costs
// one scrypt run, so the answer time does not tell which names exist.

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// scrypt needs 128 * N * r bytes (32 MiB here); Node's default cap is exactly that, so raise it.
const MAX_MEMORY = 64 * 1024 * 1024;
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1_024;

function scryptAsync(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY });
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds: a hash row with absurd parameters must not make a login take minutes or all memory.
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 17 || !Number.isInteger(r) || r < 1 || r > 16 || !Number.isInteger(p) || p < 1 || p > 4) return undefined;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const key = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length < 8 || key.length < 16) return undefined;
  return { N, r, p, salt, key };
}

/** Whether `password` matches the stored hash; a malformed or missing hash never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parseHash(stored) : undefined;
  if (!parsed) {
    // Same work as a real check, so a missing account answers no faster than a wrong password.
    await scryptAsync(password, DUMMY_SALT, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY });
    return false;
  }
  const key = await scryptAsync(password, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEMORY });
  return timingSafeEqual(key, parsed.key);
}

const DUMMY_SALT = randomBytes(SALT_BYTES);

/** A new random password, printed once by `wikigen reviewers add` when none is given on stdin. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export function generateToken(): string {
  return `wgr_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function verifyToken(token: string, storedSha256: string | null | undefined): boolean {
  if (!storedSha256) return false;
  const given = Buffer.from(hashToken(token), "hex");
  const expected = Buffer.from(storedSha256, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Why a password cannot be used, or undefined when it can. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_CHARS) return `the password is shorter than ${MIN_PASSWORD_CHARS} characters`;
  if (password.length > MAX_PASSWORD_CHARS) return `the password is longer than ${MAX_PASSWORD_CHARS} characters`;
  return undefined;
}

/** Account names: what can appear in a URL, a CSV cell and a log line without quoting. */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
