import { col, rowSchema, type SourceContract } from "./columns.ts";

export const EMPLOYMENT_TYPES = ["employee", "contractor"] as const;

export const jobHistory = {
  name: "job_history",
  file: "job_history.csv",
  description: "One row per job change (title, department, FTE or employment type), the first row at hire.",
  key: ["employee_id", "effective_date"],
  columns: {
    employee_id: col.id("Employee the change applies to", true),
    effective_date: col.date("Date the change took effect", true),
    job_title: col.text(
      "Job title as the HRIS spells it; mapped to a canonical role by data/taxonomy/job_title_rules.csv",
      true,
    ),
    department: col.text("Department or cost centre"),
    fte: col.number("Full-time equivalent of the position", {
      min: 0,
      minExclusive: true,
      max: 1,
      defaultValue: 1,
    }),
    employment_type: col.enum(
      "employee or contractor (contractors are excluded from headcount and turnover)",
      EMPLOYMENT_TYPES,
      { defaultValue: "employee" },
    ),
  },
  rules: [],
  references: [{ column: "employee_id", source: "employees", sourceColumn: "employee_id" }],
} as const satisfies SourceContract<"job_history">;

export const jobHistoryRow = rowSchema(jobHistory);
