import { z } from "zod";

// Links a content team adds to the page: a "Watch" entry (one video or a short list) and a
// Resources section (further reading, tools, guidelines). They are only links: nothing is fetched,
// drafted or verified from them, and only http(s) URLs are taken, so a page never carries a
// javascript:, data: or file: link written into a spec.

export const RESOURCE_KINDS = ["video", "reading", "tool", "guideline"] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The problem with a link URL, or undefined when it is an absolute http(s) URL with a host. */
export function describeLinkUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `expected an absolute http(s) URL, got ${JSON.stringify(url)}`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `expected an http(s) URL, got scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}`;
  }
  if (parsed.hostname === "") return `expected an http(s) URL with a host, got ${JSON.stringify(url)}`;
  return undefined;
}

const linkUrl = z
  .string()
  .trim()
  .superRefine((url, context) => {
    const problem = describeLinkUrlProblem(url);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

const linkTitle = z.string().trim().min(1, "must not be empty");

export const watchLinkSchema = z.strictObject({ title: linkTitle, url: linkUrl });

export const resourceLinkSchema = z.strictObject({
  title: linkTitle,
  url: linkUrl,
  kind: z.enum(RESOURCE_KINDS).optional(),
});

/** `watch:` takes one entry or a list of them. */
export const watchSchema = z.union([watchLinkSchema, z.array(watchLinkSchema).min(1)]).optional();
export const resourcesSchema = z.array(resourceLinkSchema).optional();

export type WatchLink = z.infer<typeof watchLinkSchema>;
export type ResourceLink = z.infer<typeof resourceLinkSchema>;
