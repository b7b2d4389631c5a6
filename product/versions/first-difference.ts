/**
 * The path of the first place where two JSON values differ, in document order of `before`
 * (`Resources.Table.Properties.TableName`), or undefined when they are equal. Keys only in `after`
 * count after every key of `before`.
 */
export function firstDifference(before: unknown, after: unknown, path: string[] = []): string | undefined {
  if (Object.is(before, after)) return undefined;
  const here = path.length > 0 ? path.join('.') : '(the whole document)';
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null || Array.isArray(before) !== Array.isArray(after)) {
    return here;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      if (index >= before.length || index >= after.length) return [...path, `[${index}]`].join('.');
      const inner = firstDifference(before[index], after[index], [...path, `[${index}]`]);
      if (inner) return inner;
    }
    return undefined;
  }
  const left = before as Record<string, unknown>;
  const right = after as Record<string, unknown>;
  for (const key of Object.keys(left)) {
    if (!(key in right)) return [...path, key].join('.');
    const inner = firstDifference(left[key], right[key], [...path, key]);
    if (inner) return inner;
  }
  const added = Object.keys(right).find((key) => !(key in left));
  return added === undefined ? undefined : [...path, added].join('.');
}
