// Two readings of a JSON schema as the Messages API's structured outputs take it (API version
// 2026-10-21; ../shared/anthropic-api-notes.md §1b): which limits a schema breaks, and whether a
// value fits it. Only the subset the API accepts is understood; anything else is reported as a
// limit broken, so a test cannot pass on a schema neither reading understands.

type Schema = Record<string, unknown>;

const ALLOWED_KEYS = new Set(["type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const", "anyOf", "allOf", "$ref", "$defs", "description", "title", "format"]);
/** What the API's grammar cannot express, as of 2026-11. */
const UNSUPPORTED_KEYS = ["minLength", "maxLength", "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "oneOf", "not", "if", "then", "else", "patternProperties", "prefixItems"];
export const MAX_UNION_PROPERTIES = 16;
export const MAX_OPTIONAL_PROPERTIES = 24;

/** Every limit the schema breaks, each with its JSON pointer; empty when the API would take it. */
export function structuredOutputProblems(root: Schema): string[] {
  const problems: string[] = [];
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  let unions = 0;
  let optional = 0;
  const walk = (node: Schema, at: string, refStack: string[]): void => {
    for (const key of Object.keys(node)) {
      if (UNSUPPORTED_KEYS.includes(key)) problems.push(`${at}: "${key}" is not supported`);
      else if (!ALLOWED_KEYS.has(key)) problems.push(`${at}: unknown keyword "${key}"`);
    }
    if (typeof node.description === "string" && node.description.includes("{")) problems.push(`${at}: a constraint moved into the description (${node.description})`);
    if (Array.isArray(node.anyOf) || Array.isArray(node.type)) unions++;
    if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.some((value) => value !== null && typeof value === "object"))) problems.push(`${at}: enum values must be primitives`);
    if (node.const !== undefined && node.const !== null && typeof node.const === "object") problems.push(`${at}: const must be a primitive`);
    if (node.minItems !== undefined && node.minItems !== 0 && node.minItems !== 1) problems.push(`${at}: minItems ${String(node.minItems)} (only 0 or 1)`);
    if (node.type === "object") {
      if (node.additionalProperties !== false) problems.push(`${at}: an object without additionalProperties: false`);
      const properties = (node.properties ?? {}) as Record<string, Schema>;
      const required = new Set((node.required ?? []) as string[]);
      for (const [name, child] of Object.entries(properties)) {
        if (!required.has(name)) optional++;
        walk(child, `${at}/properties/${name}`, refStack);
      }
    }
    if (node.items) walk(node.items as Schema, `${at}/items`, refStack);
    for (const key of ["anyOf", "allOf"] as const) {
      if (Array.isArray(node[key])) (node[key] as Schema[]).forEach((child, index) => walk(child, `${at}/${key}/${index}`, refStack));
    }
    if (typeof node.$ref === "string") {
      const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
      if (name === undefined || !defs[name]) problems.push(`${at}: $ref ${node.$ref} is not a local definition`);
      else if (refStack.includes(name)) problems.push(`${at}: recursive $ref ${node.$ref}`);
      else walk(defs[name], `#/$defs/${name}`, [...refStack, name]);
    }
  };
  walk(root, "#", []);
  if (root.type !== "object") problems.push('#: the root is not of type "object"');
  if (unions > MAX_UNION_PROPERTIES) problems.push(`#: ${unions} schemas use anyOf or a type array (at most ${MAX_UNION_PROPERTIES})`);
  if (optional > MAX_OPTIONAL_PROPERTIES) problems.push(`#: ${optional} optional properties (at most ${MAX_OPTIONAL_PROPERTIES})`);
  return [...new Set(problems)];
}

/**
 * Whether a value fits the schema, read as the API's grammar reads it: what the grammar would never
 * let the model write does not fit. Returns the first misfit's pointer, or undefined.
 */
export function misfitOf(root: Schema, value: unknown): string | undefined {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const check = (node: Schema, data: unknown, at: string): string | undefined => {
    if (typeof node.$ref === "string") return check(defs[node.$ref.replace("#/$defs/", "")] ?? {}, data, at);
    if (Array.isArray(node.anyOf)) {
      const misfits = (node.anyOf as Schema[]).map((branch) => check(branch, data, at));
      return misfits.some((misfit) => misfit === undefined) ? undefined : `${at}: fits no branch (${misfits.join("; ")})`;
    }
    if (Array.isArray(node.allOf)) return (node.allOf as Schema[]).map((part) => check(part, data, at)).find((misfit) => misfit !== undefined);
    if (node.enum !== undefined && !(node.enum as unknown[]).includes(data)) return `${at}: ${JSON.stringify(data)} is not one of ${JSON.stringify(node.enum)}`;
    if (node.const !== undefined && node.const !== data) return `${at}: ${JSON.stringify(data)} is not ${JSON.stringify(node.const)}`;
    switch (node.type) {
      case "object": {
        if (data === null || typeof data !== "object" || Array.isArray(data)) return `${at}: not an object`;
        const properties = (node.properties ?? {}) as Record<string, Schema>;
        for (const name of (node.required ?? []) as string[]) if (!(name in data)) return `${at}: missing "${name}"`;
        for (const [name, child] of Object.entries(data)) {
          const schema = properties[name];
          if (!schema) return `${at}: unexpected "${name}"`;
          const misfit = check(schema, child, `${at}/${name}`);
          if (misfit) return misfit;
        }
        return undefined;
      }
      case "array": {
        if (!Array.isArray(data)) return `${at}: not an array`;
        if (typeof node.minItems === "number" && data.length < node.minItems) return `${at}: fewer than ${node.minItems} items`;
        for (const [index, item] of data.entries()) {
          const misfit = node.items ? check(node.items as Schema, item, `${at}/${index}`) : undefined;
          if (misfit) return misfit;
        }
        return undefined;
      }
      case "string":
        return typeof data === "string" ? undefined : `${at}: not a string`;
      case "integer":
        return Number.isInteger(data) ? undefined : `${at}: not an integer`;
      case "number":
        return typeof data === "number" ? undefined : `${at}: not a number`;
      case "boolean":
        return typeof data === "boolean" ? undefined : `${at}: not a boolean`;
      case undefined:
        return undefined;
      default:
        return `${at}: type ${JSON.stringify(node.type)} is not understood`;
    }
  };
  return check(root, value, "#");
}
