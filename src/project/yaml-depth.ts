// How deeply a parsed YAML document nests. A spec needs a handful of levels; hundreds (a fuzzer, a
// generated file, `[[[[…`) exhaust the stack of the parser or of whatever walks the data next, and
// "Maximum call stack size exceeded" says nothing to the user. The walk itself is iterative.
import { isAlias, isMap, isPair, isSeq, type Node } from "yaml";

export const MAX_SPEC_DEPTH = 64;

/** The first node (document order) deeper than maxDepth collections, or undefined. */
export function tooDeepNode(root: Node | null, maxDepth = MAX_SPEC_DEPTH): Node | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || isAlias(node)) continue;
    if (isMap(node) || isSeq(node)) {
      if (depth + 1 > maxDepth) return node as Node;
      const children: unknown[] = [];
      for (const item of node.items) {
        if (isPair(item)) children.push(item.key, item.value);
        else children.push(item);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
    }
  }
  return undefined;
}
