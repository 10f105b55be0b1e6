// Local files named by input someone else may have written (a spec's file: sources, a claims file's
// source_file) are read only from inside the allowed roots (paths.local_roots, by default the project
// root): such a file must not be able to read ~/.ssh or /etc/passwd. Shared by the sources stage and
// `check`'s verification, hence here.

import { realpath } from "node:fs/promises";
import path from "node:path";

export type Confinement =
  /** realPath: the file with every symlink resolved; undefined when it does not exist (yet). */
  | { isInside: true; realPath: string | undefined }
  /** reason: what is wrong, for a message that names the file first ("<file>: <reason>"). */
  | { isInside: false; reason: string };

/**
 * Whether `file` (absolute) lies inside one of `roots` (absolute), both as written and with symlinks
 * resolved: a symlink inside a root that points outside it is refused too. The written path is
 * checked first, so a file outside the roots is refused whether or not it exists (the answer does
 * not tell what exists out there).
 */
export async function confineLocalPath(file: string, roots: readonly string[]): Promise<Confinement> {
  const written = path.resolve(file);
  if (roots.length === 0) return { isInside: false, reason: "no local file may be read (paths.local_roots is empty)" };
  const allowed = roots.map((root) => path.resolve(root));
  const refusal = (prefix: string): Confinement => ({
    isInside: false,
    reason: `${prefix}outside the allowed local roots (${allowed.join(", ")}; set paths.local_roots to allow more)`,
  });
  const realRoots = await Promise.all(allowed.map((root) => realpath(root).catch(() => root)));
  // Either spelling of a root will do for the path as written (the working directory may be reached
  // through a link); the resolved path must be inside a resolved root.
  if (![...allowed, ...realRoots].some((root) => isWithin(written, root))) return refusal("");
  let real: string;
  try {
    real = await realpath(written);
  } catch {
    // Missing (or unreadable): the read that follows reports it; nothing was resolved to check.
    return { isInside: true, realPath: undefined };
  }
  if (!realRoots.some((root) => isWithin(real, root))) return refusal(`a link to ${real}, `);
  return { isInside: true, realPath: real };
}

function isWithin(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
