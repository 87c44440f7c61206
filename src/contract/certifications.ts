import { col, rowSchema, type SourceContract } from "./columns.ts";

export const certifications = {
  name: "certifications",
  file: "certifications.csv",
  description: "One row per certification earned (or renewed) by an employee.",
  key: ["employee_id", "certification", "earned_date"],
  columns: {
    employee_id: col.id("Employee who holds the certification", true),
    certification: col.text(
      "Certification as the LMS spells it (CBET, Network+...); mapped by data/taxonomy/certifications.csv",
      true,
    ),
    earned_date: col.date("Date earned or last renewed", true),
    issuer: col.text("Issuing body, e.g. AAMI Credentials Institute, CompTIA"),
    expiry_date: col.date("Expiry; derived from the certification's renewal years when empty"),
  },
  rules: [{ kind: "date_order", column: "expiry_date", after: "earned_date", strict: true }],
  references: [{ column: "employee_id", source: "employees", sourceColumn: "employee_id" }],
} as const satisfies SourceContract<"certifications">;

export const certificationsRow = rowSchema(certifications);
