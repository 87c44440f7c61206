import { col, rowSchema, type SourceContract } from "./columns.ts";

export const training = {
  name: "training",
  file: "training.csv",
  description: "One row per completed course (vendor service schools, CEUs, IT courses).",
  key: ["employee_id", "course", "completed_date"],
  columns: {
    employee_id: col.id("Employee who completed the course", true),
    course: col.text("Course name", true),
    completed_date: col.date("Completion date", true),
    hours: col.number("Contact hours", { min: 0, minExclusive: true }, true),
    cost: col.number("Cost in USD (tuition, travel)", { min: 0 }),
    provider: col.text("Who delivered it (manufacturer, AAMI, CompTIA...)"),
    domain: col.text("Competency domain the course builds, if the LMS records one"),
  },
  rules: [],
  references: [{ column: "employee_id", source: "employees", sourceColumn: "employee_id" }],
} as const satisfies SourceContract<"training">;

export const trainingRow = rowSchema(training);
