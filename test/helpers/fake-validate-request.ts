import type { IncomingHttpHeaders } from "node:http";

// What the real Messages API refuses with a 400 invalid_request_error, as of API version 2026-10-21
// (@anthropic-ai/sdk 1.12), checked before the fake answers. Sources: ../shared/anthropic-api-notes.md
// §0 (sampling parameters gone, forced tool_choice refused on the 5.x models), §1b (the JSON Schema
// subset of output_config.format), §2 (citations and structured output do not mix), §3 (at most 4
// cache_control breakpoints, 1h entries before 5m ones). Messages follow the API's
// "<path>: <what is wrong>" style. Model-specific limits (ids, max_tokens ceiling, effort, thinking)
// are the model catalog's business, not this file's.

export const FAKE_API_VERSION = "2026-10-21";

/** The fake speaks one API version; older ones changed the body (sampling parameters, tool use). */
export function validateApiVersion(headers: IncomingHttpHeaders): string | undefined {
  const version = headers["anthropic-version"];
  if (version === undefined || version === "") return "anthropic-version: header is required";
  if (version !== FAKE_API_VERSION) return `anthropic-version: unknown or unsupported version "${String(version)}" (this API serves ${FAKE_API_VERSION})`;
  return undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The first problem with a Messages API body (also a batch request's `params`), or undefined. */
export function validateMessageParams(body: unknown): string | undefined {
  if (!isObject(body)) return "There was an error parsing the body of your request: expected a JSON object";
  for (const check of BODY_CHECKS) {
    const problem = check(body);
    if (problem) return problem;
  }
  return undefined;
}

type BodyCheck = (body: Json) => string | undefined;

const BODY_CHECKS: BodyCheck[] = [checkRemovedFields, checkModel, checkMaxTokens, checkMessages, checkSystem, checkCacheControl, checkToolChoice, checkCitations, checkOutputFormat];

/** Sampling parameters left the API in version 2026-10-21; the body model forbids extra inputs. */
const REMOVED_FIELDS = ["temperature", "top_p", "top_k"];

function checkRemovedFields(body: Json): string | undefined {
  const field = REMOVED_FIELDS.find((name) => name in body);
  return field ? `${field}: Extra inputs are not permitted` : undefined;
}

function checkModel(body: Json): string | undefined {
  if (!("model" in body)) return "model: Field required";
  if (typeof body.model !== "string" || body.model === "") return "model: Input should be a valid string";
  return undefined;
}

function checkMaxTokens(body: Json): string | undefined {
  if (!("max_tokens" in body)) return "max_tokens: Field required";
  if (!Number.isInteger(body.max_tokens)) return "max_tokens: Input should be a valid integer";
  // 0 is allowed: it pre-warms the prompt cache without generating (SDK 1.12 doc comment).
  if ((body.max_tokens as number) < 0) return "max_tokens: Input should be greater than or equal to 0";
  return undefined;
}

function checkMessages(body: Json): string | undefined {
  if (!("messages" in body)) return "messages: Field required";
  if (!Array.isArray(body.messages)) return "messages: Input should be a valid list";
  if (body.messages.length === 0) return "messages: at least one message is required";
  let previousRole: unknown;
  for (const [index, message] of body.messages.entries()) {
    if (!isObject(message)) return `messages.${index}: Input should be a valid dictionary`;
    if (message.role !== "user" && message.role !== "assistant") return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    if (index === 0 && message.role !== "user") return 'messages: first message must use the "user" role';
    if (message.role === previousRole) return `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`;
    previousRole = message.role;
    const isFinalAssistant = index === body.messages.length - 1 && message.role === "assistant";
    const problem = checkContent(message.content, `messages.${index}.content`, isFinalAssistant);
    if (problem) return problem;
  }
  return undefined;
}

function checkContent(content: unknown, path: string, isFinalAssistant: boolean): string | undefined {
  const isEmpty = content === "" || (Array.isArray(content) && content.length === 0);
  if (isEmpty && !isFinalAssistant) return `${path}: all messages must have non-empty content except for the optional final assistant message`;
  if (typeof content === "string" || isEmpty) return undefined;
  if (!Array.isArray(content)) return `${path}: Input should be a valid string or a valid list`;
  for (const [index, block] of content.entries()) {
    if (!isObject(block) || typeof block.type !== "string") return `${path}.${index}.type: Field required`;
    const problem = block.type === "text" ? checkText(block, `${path}.${index}.text`) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

function checkText(block: Json, path: string): string | undefined {
  if (typeof block.text !== "string") return `${path}: Field required`;
  if (block.text === "") return `${path}: text content blocks must be non-empty`;
  if (block.text.trim() === "") return `${path}: text content blocks must contain non-whitespace text`;
  return undefined;
}

function checkSystem(body: Json): string | undefined {
  if (body.system === undefined || typeof body.system === "string") return undefined;
  if (!Array.isArray(body.system)) return "system: Input should be a valid string or a valid list";
  for (const [index, block] of body.system.entries()) {
    if (!isObject(block) || block.type !== "text") return `system.${index}.type: Input should be 'text'`;
    const problem = checkText(block, `system.${index}.text`);
    if (problem) return problem;
  }
  return undefined;
}

interface Breakpoint {
  path: string;
  ttl: unknown;
}

/** Every cache_control in the order the API builds the prefix: tools, system, messages, then top level. */
export function cacheBreakpoints(body: Json): Breakpoint[] {
  const found: Breakpoint[] = [];
  const visit = (block: unknown, path: string) => {
    if (!isObject(block)) return;
    if (isObject(block.cache_control)) found.push({ path: `${path}.cache_control`, ttl: block.cache_control.ttl ?? "5m" });
    // tool_result blocks nest their own content blocks, which may carry breakpoints too.
    if (Array.isArray(block.content)) block.content.forEach((inner, index) => visit(inner, `${path}.content.${index}`));
  };
  asArray(body.tools).forEach((tool, index) => visit(tool, `tools.${index}`));
  asArray(body.system).forEach((block, index) => visit(block, `system.${index}`));
  asArray(body.messages).forEach((message, index) => {
    if (isObject(message)) asArray(message.content).forEach((block, inner) => visit(block, `messages.${index}.content.${inner}`));
  });
  if (isObject(body.cache_control)) found.push({ path: "cache_control", ttl: body.cache_control.ttl ?? "5m" });
  return found;
}

const MAX_BREAKPOINTS = 4;

function checkCacheControl(body: Json): string | undefined {
  const breakpoints = cacheBreakpoints(body);
  const badTtl = breakpoints.find((breakpoint) => breakpoint.ttl !== "5m" && breakpoint.ttl !== "1h");
  if (badTtl) return `${badTtl.path}.ttl: Input should be '5m' or '1h'`;
  if (breakpoints.length > MAX_BREAKPOINTS) return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints.length}.`;
  const firstShort = breakpoints.findIndex((breakpoint) => breakpoint.ttl === "5m");
  const lateLong = breakpoints.findIndex((breakpoint, index) => index > firstShort && firstShort >= 0 && breakpoint.ttl === "1h");
  if (lateLong >= 0) {
    return `${breakpoints[lateLong]?.path}: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`;
  }
  return undefined;
}

/** As of 2026-10 the current models answer a forced tool_choice with a 400 (notes §0). */
function checkToolChoice(body: Json): string | undefined {
  if (!isObject(body.tool_choice)) return undefined;
  const type = body.tool_choice.type;
  if (type === "tool" || type === "any") return `tool_choice: forced tool use (type "${type}") is not supported with this model; use {"type": "auto"} or "none"`;
  return undefined;
}

function checkCitations(body: Json): string | undefined {
  const documents: Json[] = [];
  const visit = (block: unknown) => {
    if (!isObject(block)) return;
    if (block.type === "document") documents.push(block);
    asArray(block.content).forEach(visit);
  };
  for (const message of asArray(body.messages)) if (isObject(message)) asArray(message.content).forEach(visit);
  const enabled = documents.filter((document) => isObject(document.citations) && document.citations.enabled === true);
  if (enabled.length === 0) return undefined;
  if (enabled.length < documents.length) return "messages: citations must be enabled on all or none of the documents in a request";
  if (isObject(body.output_config) && body.output_config.format !== undefined && body.output_config.format !== null) {
    return "output_config.format: structured outputs cannot be used together with citations; turn off citations on the documents or remove output_config.format";
  }
  return undefined;
}

function checkOutputFormat(body: Json): string | undefined {
  if (!isObject(body.output_config)) return undefined;
  const format = body.output_config.format;
  if (format === undefined || format === null) return undefined;
  if (!isObject(format) || format.type !== "json_schema") return "output_config.format.type: Input should be 'json_schema'";
  if (!isObject(format.schema)) return "output_config.format.schema: Field required";
  const problem = findSchemaProblem(format.schema);
  return problem ? `output_config.format.schema: ${problem}` : undefined;
}

// The JSON Schema subset structured outputs compile into a grammar (notes §1b, as of 2026-11).
const UNSUPPORTED_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems"];
const SUPPORTED_FORMATS = ["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"];
const MAX_OPTIONAL_PROPERTIES = 24;
const MAX_UNION_PROPERTIES = 16;
const isPrimitive = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);

/** The first unsupported construct in a schema, with its JSON pointer, or undefined. */
export function findSchemaProblem(root: Json): string | undefined {
  const counts = { optional: 0, unions: 0 };
  const problem = walkSchema(root, "#", counts) ?? findRecursiveRef(root);
  if (problem) return problem;
  if (counts.optional > MAX_OPTIONAL_PROPERTIES) {
    return `Schemas contains too many optional parameters (${counts.optional}), which would make grammar compilation inefficient. Reduce the number of optional parameters (limit: ${MAX_OPTIONAL_PROPERTIES}).`;
  }
  if (counts.unions > MAX_UNION_PROPERTIES) {
    return `Schemas contains too many parameters with union types (${counts.unions}), which would make grammar compilation inefficient. Reduce the number of parameters with union types (limit: ${MAX_UNION_PROPERTIES}).`;
  }
  return undefined;
}

function walkSchema(node: unknown, at: string, counts: { optional: number; unions: number }): string | undefined {
  if (!isObject(node)) return undefined;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const typeName = typeof node.type === "string" ? node.type : "schema";
  const keyword = UNSUPPORTED_KEYWORDS.find((name) => name in node);
  if (keyword) return `For '${typeName}' type, property '${keyword}' is not supported (at ${at})`;
  if (typeof node.minItems === "number" && node.minItems > 1) return `For 'array' type, 'minItems' values other than 0 or 1 are not supported (at ${at})`;
  if (typeof node.format === "string" && !SUPPORTED_FORMATS.includes(node.format)) return `For 'string' type, format '${node.format}' is not supported (at ${at})`;
  if (Array.isArray(node.enum) && !node.enum.every(isPrimitive)) return `enum values must be strings, numbers, booleans or null (at ${at})`;
  if ("const" in node && !isPrimitive(node.const)) return `const must be a string, number, boolean or null (at ${at})`;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) return `External $ref '${node.$ref}' is not supported (at ${at})`;
  if (types.includes("object") || isObject(node.properties)) {
    if (!("additionalProperties" in node)) return `For 'object' type, 'additionalProperties' must be explicitly set to false (at ${at})`;
    if (node.additionalProperties !== false) return `For 'object' type, 'additionalProperties' other than false is not supported (at ${at})`;
  }
  const properties = isObject(node.properties) ? node.properties : {};
  const required = asArray(node.required);
  for (const [name, property] of Object.entries(properties)) {
    if (!required.includes(name)) counts.optional += 1;
    if (isObject(property) && (Array.isArray(property.anyOf) || (Array.isArray(property.type) && property.type.length > 1))) counts.unions += 1;
  }
  const children: [string, unknown][] = [
    ...Object.entries(properties).map(([name, child]): [string, unknown] => [`${at}/properties/${name}`, child]),
    ...(["$defs", "definitions"] as const).flatMap((key) => Object.entries(isObject(node[key]) ? node[key] : {}).map(([name, child]): [string, unknown] => [`${at}/${key}/${name}`, child])),
    ...(["anyOf", "allOf", "oneOf", "prefixItems"] as const).flatMap((key) => asArray(node[key]).map((child, index): [string, unknown] => [`${at}/${key}/${index}`, child])),
    [`${at}/items`, node.items],
  ];
  for (const [path, child] of children) {
    const problem = walkSchema(child, path, counts);
    if (problem) return problem;
  }
  return undefined;
}

/** A $ref that leads back to a schema it is inside of (recursion), or one that resolves to nothing. */
function findRecursiveRef(root: Json): string | undefined {
  const resolve = (pointer: string): unknown =>
    pointer
      .slice(1)
      .split("/")
      .filter((part) => part !== "")
      .reduce<unknown>((node, part) => (isObject(node) ? node[part.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined), root);
  const visit = (node: unknown, expanding: string[]): string | undefined => {
    if (Array.isArray(node)) {
      for (const item of node) {
        const problem = visit(item, expanding);
        if (problem) return problem;
      }
      return undefined;
    }
    if (!isObject(node)) return undefined;
    if (typeof node.$ref === "string") {
      if (expanding.includes(node.$ref)) return `Recursive schemas are not supported ($ref '${node.$ref}' refers to a schema that contains it)`;
      const target = resolve(node.$ref);
      if (target === undefined) return `$ref '${node.$ref}' does not resolve to a definition in the schema`;
      const problem = visit(target, [...expanding, node.$ref]);
      if (problem) return problem;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "$defs" || key === "definitions" || key === "$ref" || key === "enum" || key === "const") continue;
      const problem = visit(value, expanding);
      if (problem) return problem;
    }
    return undefined;
  };
  // The root is "#": a $ref to "#" from anywhere inside it is recursion too.
  return visit(root, ["#"]);
}
