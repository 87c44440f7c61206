import { col, rowSchema, type SourceContract } from "./columns.ts";

export const HIRE_SOURCES = ["internal", "external"] as const;

export const requisitions = {
  name: "requisitions",
  file: "requisitions.csv",
  description:
    "One row per job requisition (opening): when it opened and whether it was filled or cancelled.",
  key: ["requisition_id"],
  columns: {
    requisition_id: col.id("Requisition identifier", true),
    job_title: col.text("Title of the opening; mapped to a canonical role like job_history titles", true),
    opened_date: col.date("Date the requisition was approved and opened", true),
    org_id: col.id("Organisation that opened it"),
    filled_date: col.date("Date an offer was accepted; empty while open or when cancelled"),
    cancelled_date: col.date("Date the requisition was withdrawn"),
    hire_source: col.enum("Whether the hire came from inside or outside the organisation", HIRE_SOURCES),
  },
  rules: [
    { kind: "date_order", column: "filled_date", after: "opened_date", strict: false },
    { kind: "date_order", column: "cancelled_date", after: "opened_date", strict: false },
    { kind: "not_both", column: "cancelled_date", other: "filled_date" },
  ],
  references: [{ column: "org_id", source: "organizations", sourceColumn: "org_id" }],
} as const satisfies SourceContract<"requisitions">;

export const requisitionsRow = rowSchema(requisitions);
