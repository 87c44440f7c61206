-- meta: one warehouse's account of how it was loaded. Written by ingest before any source.
create schema if not exists raw;
create schema if not exists meta;
create schema if not exists taxonomy;
create schema if not exists reference;
create schema if not exists core;
create schema if not exists marts;

-- grain: one row per ingest run that produced this warehouse or an earlier one
create table meta.load_runs (
  run_id integer not null,
  load_id varchar not null,
  started_at timestamp not null,
  finished_at timestamp,
  status varchar not null,
  input_dir varchar not null,
  files json,
  counts json,
  timings json
);

-- grain: one row per contract source in the run; present = false when the file was not supplied
create table meta.source_files (
  load_id varchar not null,
  source varchar not null,
  file varchar,
  present boolean not null,
  encoding varchar,
  delimiter varchar,
  bytes bigint,
  checksum_sha256 varchar,
  data_rows bigint not null,
  accepted_rows bigint not null,
  rejected_rows bigint not null,
  ignored_columns varchar[],
  -- rows the mapping's scope left out (another department of an organisation-wide export)
  out_of_scope_rows bigint not null default 0
);

-- grain: one row per problem found on a rejected input row (a row can have several)
create table meta.rejected_rows (
  load_id varchar not null,
  source_file varchar not null,
  line bigint not null,
  column_name varchar,
  value varchar,
  reason varchar not null,
  -- the reason without the row's values ("termination_date must be on or after hire_date"), for grouping
  rule varchar not null,
  -- the contract source the row was read for (one file can feed several)
  source varchar not null
);

-- grain: one row per (source, column, referenced source, missing value): references to rows that do not exist
create table meta.orphans (
  load_id varchar not null,
  source_file varchar not null,
  column_name varchar not null,
  references_source varchar not null,
  value varchar not null,
  rows bigint not null
);
