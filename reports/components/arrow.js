import { Precision, tableFromIPC, Type } from "apache-arrow";

/**
 * Reads Arrow IPC written by a loader in reports/data/ into plain objects: BigInt becomes Number, date
 * and timestamp columns become Date, so Plot and d3 take the rows as they are. Float32 columns (the loaders
 * ship numbers under 100,000 that way, src/site/mart-reader.ts) come back as their 7 significant digits,
 * so 12.3 reads 12.3 (not 12.300000190734863) in tooltips and CSV downloads.
 *
 * Call it as `await loadArrow(FileAttachment("data/x.arrow").arrayBuffer())`. Passing the bare
 * `FileAttachment("data/x.arrow")` also works at run time, but Framework then sees an `.arrow` file used
 * without a method, assumes `.arrow()`, and tries to download apache-arrow from a CDN at build time
 * (the build fails offline). Never call `.arrow()`, `.csv()` or `.parquet()` for the same reason.
 *
 * @param {ArrayBuffer|Uint8Array|Promise<ArrayBuffer>|{arrayBuffer: () => Promise<ArrayBuffer>}} source
 * @returns {Promise<object[]>}
 */
export async function loadArrow(source) {
  const resolved = await source;
  const buffer = typeof resolved?.arrayBuffer === "function" ? await resolved.arrayBuffer() : resolved;
  const table = tableFromIPC(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer));
  // Column by column: iterating Arrow's row proxies costs several times more on large marts.
  const columns = table.schema.fields.map((field) => {
    const vector = table.getChild(field.name);
    const convert = converterFor(field.type);
    const values = Array.from(vector);
    for (let i = 0; i < values.length; ++i) values[i] = convert(values[i]);
    return [field.name, values];
  });
  const rows = new Array(table.numRows);
  for (let i = 0; i < rows.length; ++i) {
    const row = {};
    for (const [name, values] of columns) row[name] = values[i];
    rows[i] = row;
  }
  return rows;
}

function converterFor(type) {
  switch (type.typeId) {
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
    case Type.Float:
      if (type.precision === Precision.SINGLE) return (v) => (v == null ? null : +v.toPrecision(7));
      return (v) => v ?? null;
    default:
      return (v) => (typeof v === "bigint" ? Number(v) : (v ?? null));
  }
}
