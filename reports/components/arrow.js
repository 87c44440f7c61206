import { DateUnit, Precision, tableFromIPC, Type } from "apache-arrow";

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
  // Column by column, straight from Arrow's buffers: iterating Arrow's row proxies, or even its
  // vectors value by value, costs several times more on marts of thousands of rows.
  const columns = table.schema.fields.map((field) => [
    field.name,
    columnValues(table.getChild(field.name), field.type),
  ]);
  const rows = new Array(table.numRows);
  for (let i = 0; i < rows.length; ++i) {
    const row = {};
    for (const [name, values] of columns) row[name] = values[i];
    rows[i] = row;
  }
  return rows;
}

const DAY_MS = 86_400_000;

/** One column as plain values (null where Arrow has none), chunk by chunk. */
function columnValues(vector, type) {
  const out = new Array(vector.length);
  if (type.typeId === Type.Null) return out.fill(null);
  const fast =
    type.typeId === Type.Dictionary ||
    type.typeId === Type.Date ||
    type.typeId === Type.Float ||
    type.typeId === Type.Int;
  const dateDay = type.typeId === Type.Date && type.unit === DateUnit.DAY;
  const int64 = type.typeId === Type.Int && type.bitWidth === 64;
  if (!fast || (type.typeId === Type.Date && !dateDay)) {
    const convert = converterFor(type);
    let i = 0;
    for (const v of vector) out[i++] = convert(v);
    return out;
  }
  const single = type.typeId === Type.Float && type.precision === Precision.SINGLE;
  let at = 0;
  for (const data of vector.data) {
    const valid = data.nullCount > 0 ? (i) => data.getValid(i) : null;
    if (type.typeId === Type.Dictionary) {
      const dictionary = Array.from(data.dictionary, (v) => (v == null ? null : String(v)));
      const keys = data.values;
      for (let i = 0; i < data.length; ++i) out[at + i] = valid && !valid(i) ? null : dictionary[keys[i]];
    } else {
      const values = data.values;
      for (let i = 0; i < data.length; ++i) {
        if (valid && !valid(i)) out[at + i] = null;
        else {
          const v = values[i];
          out[at + i] = dateDay ? new Date(v * DAY_MS) : int64 ? Number(v) : single ? +v.toPrecision(7) : v;
        }
      }
    }
    at += data.length;
  }
  return out;
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
