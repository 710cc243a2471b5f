/** Dotted paths of a settings document's leaves, to say what a change changed. */
type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf path of `document` with its value (arrays count as leaves). */
export function leafPaths(document: Plain, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(document)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) {
      for (const [inner, leaf] of leafPaths(value, path)) leaves.set(inner, leaf);
    } else {
      leaves.set(path, value);
    }
  }
  return leaves;
}

/** The leaf paths whose values differ between two documents (added or removed ones included). */
export function changedPaths(before: Plain, after: Plain): string[] {
  const a = leafPaths(before);
  const b = leafPaths(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((path) => JSON.stringify(a.get(path)) !== JSON.stringify(b.get(path)));
}

/** `base` with `patch` laid over it, object by object; neither argument is changed. */
export function overlay(base: Plain, patch: Plain): Plain {
  const result: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    result[key] = isPlainObject(value) && isPlainObject(current) ? overlay(current, value) : value;
  }
  return result;
}

/** `document` without the leaf at `path` (a no-op when it is absent). */
export function withoutPath(document: Plain, path: readonly PropertyKey[]): Plain {
  const [head, ...rest] = path;
  if (head === undefined || !(String(head) in document)) return document;
  const key = String(head);
  const inner = document[key];
  if (rest.length > 0 && isPlainObject(inner))
    return { ...document, [key]: withoutPath(inner, rest) };
  return Object.fromEntries(Object.entries(document).filter(([name]) => name !== key));
}
