import { col, rowSchema, type SourceContract } from "./columns.ts";

export const SERVICE_PROVIDERS = ["in_house", "vendor"] as const;

export const workOrders = {
  name: "work_orders",
  file: "work_orders.csv",
  description:
    "One row per CMMS work order: what was done, on which device, by whom, with how many labor hours.",
  key: ["work_order_id"],
  columns: {
    work_order_id: col.id("Work order number", true),
    opened_date: col.date("Date the work order was opened", true),
    work_type: col.text(
      "Work type as the CMMS spells it (PM, Repair, Security Patch...); mapped to a competency domain",
      true,
    ),
    labor_hours: col.number("In-house labor hours booked", { min: 0 }, true),
    org_id: col.id("Organisation"),
    asset_id: col.id("Device worked on"),
    device_type: col.text("Device type (used for the domain when the work type is generic)"),
    completed_date: col.date("Date completed"),
    technician_id: col.id("Employee who did the work"),
    service_provider: col.enum("in_house or vendor", SERVICE_PROVIDERS, { defaultValue: "in_house" }),
    vendor_cost: col.number("Vendor service cost, USD", { min: 0 }),
    parts_cost: col.number("Parts cost, USD", { min: 0 }),
    due_date: col.date(
      "Date scheduled work was due (scheduled maintenance); measures completion on time. Optional: without it the on-time measure is unavailable",
    ),
  },
  rules: [{ kind: "date_order", column: "completed_date", after: "opened_date", strict: false }],
  references: [
    { column: "technician_id", source: "employees", sourceColumn: "employee_id" },
    { column: "asset_id", source: "assets", sourceColumn: "asset_id" },
    { column: "org_id", source: "organizations", sourceColumn: "org_id" },
  ],
} as const satisfies SourceContract<"work_orders">;

export const workOrdersRow = rowSchema(workOrders);
