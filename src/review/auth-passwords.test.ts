import { describe, expect, it } from "vitest";
import { generatePassword, generateToken, hashPassword, hashToken, passwordProblem, verifyPassword, verifyToken } from "./auth-passwords.ts";

describe("reviewer credentials", () => {
  it("stores a password as an scrypt hash with its parameters and a per-hash salt, never the password", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toContain("correct horse");
    // Same password, different salts: different hashes, both verifying.
    expect(first.split("$")[4]).not.toBe(second.split("$")[4]);
    expect(first).not.toBe(second);
    expect([await verifyPassword("correct horse battery", first), await verifyPassword("correct horse battery", second)]).toEqual([true, true]);
  });

  it("refuses a wrong password, a missing hash and malformed or out-of-bounds hashes", async () => {
    const stored = await hashPassword("correct horse battery");
    const [, , , , salt, key] = stored.split("$");
    const results = await Promise.all([
      verifyPassword("correct horse batterY", stored),
      verifyPassword("", stored),
      verifyPassword("correct horse battery", null),
      verifyPassword("correct horse battery", "plain-text-password"),
      verifyPassword("correct horse battery", `scrypt$1048576$8$1$${salt}$${key}`),
      verifyPassword("correct horse battery", `bcrypt$32768$8$1$${salt}$${key}`),
      verifyPassword("correct horse battery", `scrypt$32768$8$1$${salt}$`),
    ]);
    expect(results).toEqual([false, false, false, false, false, false, false]);
  });

  it("verifies a hash made with other (bounded) scrypt parameters", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("older password 1", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$16384$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect([await verifyPassword("older password 1", stored), await verifyPassword("older password 2", stored)]).toEqual([true, false]);
  });

  it("keeps a token's SHA-256 and matches only that token", () => {
    const token = generateToken();
    const other = generateToken();
    expect(token).toMatch(/^wgr_[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect([verifyToken(token, hashToken(token)), verifyToken(other, hashToken(token)), verifyToken(token, null), verifyToken(token, "abc")]).toEqual([true, false, false, false]);
  });

  it("generates passwords long enough to pass its own check, and refuses short ones", () => {
    expect(passwordProblem(generatePassword())).toBeUndefined();
    expect(passwordProblem("short")).toBe("the password is shorter than 12 characters");
    expect(passwordProblem("x".repeat(1_025))).toBe("the password is longer than 1024 characters");
  });
});
