import { col, rowSchema, type SourceContract } from "./columns.ts";

export const TERMINATION_TYPES = ["voluntary", "involuntary", "retirement", "other"] as const;

export const employees = {
  name: "employees",
  file: "employees.csv",
  description:
    "One row per employment: a person, when they were hired and whether and why they left. A rehired person has a second row with the same employee_id and a later hire_date. The only required file.",
  key: ["employee_id", "hire_date"],
  columns: {
    employee_id: col.id("Employee identifier from the HRIS; kept as text (007 stays 007)", true),
    hire_date: col.date("First day of employment", true),
    org_id: col.id("Organisation the person works for (default organisation when empty)"),
    termination_date: col.date("Last day of employment; empty while employed"),
    termination_type: col.enum(
      "Why the employment ended; required exactly when termination_date is given",
      TERMINATION_TYPES,
    ),
    birth_year: col.integer("Year of birth, for retirement exposure (never published per person)", {
      min: 1900,
      max: 2100,
    }),
    veteran: col.boolean("Military veteran (many BMETs are trained in the armed forces)"),
    education: col.text("Highest education, e.g. associate, bachelor, military"),
  },
  rules: [
    { kind: "date_order", column: "termination_date", after: "hire_date", strict: false },
    { kind: "required_iff", column: "termination_type", when: "termination_date" },
  ],
  nonOverlapping: { key: "employee_id", start: "hire_date", end: "termination_date", what: "employment" },
  references: [{ column: "org_id", source: "organizations", sourceColumn: "org_id" }],
} as const satisfies SourceContract<"employees">;

export const employeesRow = rowSchema(employees);
