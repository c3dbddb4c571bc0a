import type { SearchProblem } from "../components/search/search-form.tsx";

/** The search typed into the address (?q=), and what is wrong with it before it is sent (2..100 characters). */
export function searchQuery(request: Request): { q: string; problem: SearchProblem; ready: boolean } {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
  if (!q) return { q, problem: null, ready: false };
  if (q.length < 2) return { q, problem: "tooShort", ready: false };
  if (q.length > 100) return { q: q.slice(0, 100), problem: "tooLong", ready: false };
  return { q, problem: null, ready: true };
}
