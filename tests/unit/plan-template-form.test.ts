import { describe, expect, it } from "vitest";
import { LIFE_AREAS } from "../../app/domain/lists.ts";
import { applyMove, draftFromValues, draftOf, updateOf } from "../../app/lib/plan-template-form.ts";

// The template form of /admin/maler as data: what the page sends, with and without JavaScript.

const template = {
  lifeAreas: [
    { area: "HEALTH" as const, label: "Helse og trivsel" },
    { area: "SOCIAL" as const, label: null },
  ],
  headings: [
    { section: "GOALS" as const, title: "Mål", guidance: "Med egne ord." },
    { section: "MEASURES" as const, title: "Tiltak", guidance: "" },
  ],
};

/** The fields a browser sends for a draft (ticked boxes only), plus the blank row for a new heading. */
function sent(draft: ReturnType<typeof draftOf>): Record<string, string> {
  const values: Record<string, string> = {};
  draft.areas.forEach((a, i) => {
    values[`a${i}-area`] = a.area;
    values[`a${i}-label`] = a.label;
    if (a.offered) values[`a${i}-offered`] = "yes";
  });
  draft.headings.forEach((h, i) => Object.assign(values, { [`h${i}-section`]: h.section, [`h${i}-title`]: h.title, [`h${i}-guidance`]: h.guidance }));
  Object.assign(values, { [`h${draft.headings.length}-section`]: "GOALS", [`h${draft.headings.length}-title`]: "", [`h${draft.headings.length}-guidance`]: "" });
  return values;
}

describe("the template form", () => {
  it("lists the offered areas in order, then the rest, and sends back what it shows", () => {
    const draft = draftOf(template);
    expect(draft.areas.map((a) => a.area).slice(0, 2)).toEqual(["HEALTH", "SOCIAL"]);
    expect(draft.areas).toHaveLength(LIFE_AREAS.length);
    expect(updateOf(draftFromValues(sent(draft)))).toEqual({
      lifeAreas: [
        { area: "HEALTH", label: "Helse og trivsel" },
        { area: "SOCIAL", label: null },
      ],
      headings: template.headings,
    });
  });

  it("moves a row without JavaScript, and leaves the ends where they are", () => {
    const draft = draftFromValues(sent(draftOf(template)));
    expect(updateOf(applyMove(draft, "area:1:up")).lifeAreas.map((a) => a.area)).toEqual(["SOCIAL", "HEALTH"]);
    expect(updateOf(applyMove(draft, "heading:0:down")).headings.map((h) => h.title)).toEqual(["Tiltak", "Mål"]);
    expect(applyMove(draft, "heading:0:up")).toEqual(draft);
    expect(applyMove(draft, "heading:9:down")).toEqual(draft);
    expect(applyMove(draft, "nonsense")).toEqual(draft);
  });

  it("adds a heading filled in the blank row, removes a ticked one, and ignores unknown areas", () => {
    const values = sent(draftOf(template));
    Object.assign(values, { "h2-title": "Tjenester", "h2-section": "SERVICES", "h0-remove": "yes", "a3-area": "NOT_AN_AREA" });
    const update = updateOf(draftFromValues(values));
    expect(update.headings.map((h) => h.title)).toEqual(["Tiltak", "Tjenester"]);
    expect(update.lifeAreas.map((a) => a.area)).toEqual(["HEALTH", "SOCIAL"]);
  });
});
