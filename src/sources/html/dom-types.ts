import type { CheerioAPI } from "cheerio";

// cheerio does not re-export domhandler's node types, and domhandler is not a direct dependency,
// so the types are derived from cheerio's own signatures.
export type DomDocument = ReturnType<CheerioAPI["root"]>[number];
export type DomNode = DomDocument["children"][number];
export type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

export function isElement(node: DomNode | DomDocument): node is DomElement {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}
