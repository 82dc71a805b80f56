// Route patterns written as templates ("/tagmanager/v2/accounts/{account}/containers/{container}") so
// route tables read like Google's URL templates; request counts map patterns back to templates.

/** Template → anchored RegExp; each {name} matches one path segment without ":" (custom verbs). */
export function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      return param ? `(?<${param[1]}>[^/:]+)` : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** Best-effort inverse of pathPattern for any route's RegExp: named groups back to {name}. */
export function templateOf(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^/, "")
    .replace(/\$$/, "")
    .replace(/\(\?<(\w+)>[^)]*\)/g, "{$1}")
    .replace(/\\(.)/g, "$1");
}
