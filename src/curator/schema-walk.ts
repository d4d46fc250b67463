/**
 * Reading the schema's own structure: which object a nested field belongs to, for the known
 * keys of an "unknown field" problem and for writing each object's keys in its documented order.
 */

/** The schemas a value may match under optional, nullable, default, array and union wrappers. */
export function unwrapped(schema: unknown): unknown[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  if (def.type === "optional" || def.type === "nullable" || def.type === "default")
    return unwrapped(def.innerType);
  if (def.type === "array") return unwrapped(def.element);
  if (def.type === "union") return (def.options as unknown[]).flatMap(unwrapped);
  return [schema];
}

/** An object schema's fields, in the order the schema declares them. */
export function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  return (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
}

/**
 * `value` with every object's keys in the order of the schema it matches, keys left undefined
 * dropped. Of a union (a photo or a video) the first option holding all of the object's keys is
 * the one; keys no option knows keep their place after the known ones.
 */
export function inSchemaOrder(value: unknown, schema: unknown): unknown {
  const options = unwrapped(schema);
  if (Array.isArray(value)) return value.map((item) => inSchemaOrder(item, schema));
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  const shapes = options.flatMap((option): Record<string, unknown>[] => {
    const shape = shapeOf(option);
    return shape ? [shape] : [];
  });
  const shape: Record<string, unknown> =
    shapes.find((candidate) => keys.every((key) => key in candidate)) ?? shapes[0] ?? {};
  const known = Object.keys(shape).filter((key) => keys.includes(key));
  const ordered = [...known, ...keys.filter((key) => !(key in shape))];
  return Object.fromEntries(
    ordered.map((key) => [key, inSchemaOrder((value as Record<string, unknown>)[key], shape[key])]),
  );
}
