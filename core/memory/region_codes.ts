/**
 * The short codes of regions people write as the name of where they live ("in NSW", "in BC", "in
 * NI these days"), which WordNet either does not know or knows only in another sense ("GA" as
 * gas, "CO" as carbon monoxide, "SA" as the Sturmabteilung, "PA" as father, "NI" as nickel), so
 * that the word data alone would read them as a group's initialism (`habitual_places.ts`). A
 * closed list from published standards, not from any recall set: the postal codes of the US
 * states and DC (USPS), of Canada's provinces and territories (Canada Post), the usual
 * abbreviations of Australia's states and territories (Australia Post), Northern Ireland's "NI"
 * (the UK's own "GB and NI"), and the codes ISO 3166-1 reserves for a union of countries ("EU",
 * "UK"). Country codes of ISO 3166-1 at large are left out: many are also a department's
 * initialism ("HR", "IT", "PR", "QA": "I'm in HR these days" is where one works, not a home).
 *
 * @module
 */

/** The region codes, in capitals (see the module doc). */
export const REGION_CODES: ReadonlySet<string> = new Set([
  // US states and DC (USPS).
  ..."AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ"
    .split(" "),
  ..."NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(" "),
  // Canada's provinces and territories (Canada Post).
  ..."AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "),
  // Australia's states and territories (Australia Post).
  ..."NSW VIC QLD SA WA TAS NT ACT".split(" "),
  // Northern Ireland, and the unions ISO 3166-1 reserves.
  ..."NI EU UK".split(" "),
]);
