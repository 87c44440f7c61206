import { col, rowSchema, type SourceContract } from "./columns.ts";

export const PAY_BASES = ["annual", "hourly"] as const;

export const pay = {
  name: "pay",
  file: "pay.csv",
  description: "One row per base-pay change. Hourly rates are annualised as amount × 2080 × fte.",
  key: ["employee_id", "effective_date"],
  columns: {
    employee_id: col.id("Employee paid", true),
    effective_date: col.date("Date the rate took effect", true),
    amount: col.number("Base pay rate in the basis given", { min: 0, minExclusive: true }, true),
    basis: col.enum("annual or hourly", PAY_BASES, { required: true }),
    currency: col.text("ISO currency code (USD assumed)", false),
    pay_grade: col.text("Pay grade or band"),
    range_min: col.number("Annual range minimum of the grade", { min: 0 }),
    range_mid: col.number("Annual range midpoint of the grade (compa-ratio denominator)", {
      min: 0,
      minExclusive: true,
    }),
    range_max: col.number("Annual range maximum of the grade", { min: 0 }),
  },
  rules: [],
  references: [{ column: "employee_id", source: "employees", sourceColumn: "employee_id" }],
} as const satisfies SourceContract<"pay">;

export const payRow = rowSchema(pay);
