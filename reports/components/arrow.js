import { tableFromIPC, Type } from "apache-arrow";

/**
 * Reads a Framework FileAttachment holding Arrow IPC (written by a loader in reports/data/) into plain
 * objects: BigInt becomes Number, date and timestamp columns become Date, so Plot and d3 take the
 * rows as they are. Uses `.arrayBuffer()` because `.arrow()` would fetch a library from a CDN.
 *
 * @param {{arrayBuffer: () => Promise<ArrayBuffer>}} fileAttachment - e.g. FileAttachment("data/turnover_annual.arrow").
 * @returns {Promise<object[]>}
 */
export async function loadArrow(fileAttachment) {
  const table = tableFromIPC(new Uint8Array(await fileAttachment.arrayBuffer()));
  const converters = table.schema.fields.map((field) => [field.name, converterFor(field.type.typeId)]);
  const rows = new Array(table.numRows);
  let i = 0;
  for (const row of table) {
    const out = {};
    for (const [name, convert] of converters) out[name] = convert(row[name]);
    rows[i++] = out;
  }
  return rows;
}

function converterFor(typeId) {
  switch (typeId) {
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return (v) => (v == null ? null : v instanceof Date ? v : new Date(Number(v)));
    case Type.Int:
    case Type.Int64:
    case Type.Uint64:
      return (v) => (v == null ? null : Number(v));
    default:
      return (v) => (typeof v === "bigint" ? Number(v) : (v ?? null));
  }
}
