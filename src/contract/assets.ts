import { col, rowSchema, type SourceContract } from "./columns.ts";

export const assets = {
  name: "assets",
  file: "assets.csv",
  description: "One row per device in the medical equipment inventory.",
  key: ["asset_id"],
  columns: {
    asset_id: col.id("Asset (equipment control) number", true),
    device_type: col.text("Device type as the CMMS spells it (infusion pump, CT scanner...)", true),
    in_service_date: col.date("Date placed in service", true),
    org_id: col.id("Organisation that owns it"),
    manufacturer: col.text("Manufacturer"),
    model: col.text("Model"),
    networked: col.boolean("Connected to the hospital network"),
    acquisition_cost: col.number("Acquisition cost, USD (COSR denominator)", { min: 0 }),
    retired_date: col.date("Date retired from service"),
  },
  rules: [{ kind: "date_order", column: "retired_date", after: "in_service_date", strict: false }],
  references: [{ column: "org_id", source: "organizations", sourceColumn: "org_id" }],
} as const satisfies SourceContract<"assets">;

export const assetsRow = rowSchema(assets);
