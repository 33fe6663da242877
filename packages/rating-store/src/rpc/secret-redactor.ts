/** Replaces every occurrence of the given secrets (and their URL-encoded form) with `[redacted]`. */
export function secretRedactor(secrets: string[]): (text: string) => string {
  const needles = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s)]))];
  needles.sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((acc, needle) => acc.split(needle).join('[redacted]'), text);
}
