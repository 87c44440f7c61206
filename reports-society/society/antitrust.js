// The antitrust note, in one wording for the Methodology page and the printed survey report: why the
// thresholds are what they are, that the 1996 safety zone they come from was withdrawn in 2023, what
// the January 2025 FTC/DOJ guidelines say of wage surveys, and the advice to have counsel review it.
// Static text: it reads no data.

const NOTE = `<strong>Why these thresholds, and what they are not.</strong> They come from the "safety zone" of Statement 6 (provider participation in exchanges of price and cost information, including wages) of the FTC/DOJ 1996 <em>Statements of Antitrust Enforcement Policy in Health Care</em>: a survey managed by a third party, data more than 3 months old, at least 5 providers reporting each statistic, none above 25% of it on a weighted basis. The Department of Justice <strong>withdrew</strong> those statements in <strong>February 2023</strong> and the Federal Trade Commission in <strong>July 2023</strong>, with no replacement safe harbour: information exchanges are now judged case by case. Since <strong>16 January 2025</strong> the FTC and DOJ <em>Antitrust Guidelines for Business Activities Affecting Workers</em> single out sharing wage and benefit information with competitors, including through third parties, algorithms or data aggregators such as a benchmarking survey, and they offer <strong>no safe harbour</strong>. This survey keeps the former safety-zone thresholds and the salary-survey participation rules as conservative practice, not as a legal shelter. It exchanges no current or future wages, only aged, aggregated history, and it is published to members, not sent to any one employer. <strong>A society running this survey should have antitrust counsel review its design, its rules and each release before publishing.</strong>`;

/** The note as a paragraph. */
export function antitrustNote() {
  const p = document.createElement("p");
  p.className = "htm-antitrust";
  p.innerHTML = NOTE;
  return p;
}
