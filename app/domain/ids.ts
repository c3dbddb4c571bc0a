// Every row's id is a UUID. One pattern for addresses, socket messages and document names (the
// procedures' input schema is \`id\` in ./schemas.ts). No dependencies: the browser uses it too.

export const UUID_SOURCE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, "i");

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
