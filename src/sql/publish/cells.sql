-- the work tables of disclosure control: one row per (mart, row, layer), keyed also by its cell (the key values, shared by marts of the same grain), saying whether the row's values of that layer are withheld and why ('primary': the row's own people count is under the rule's threshold; 'complementary': withheld so a primary one cannot be derived), and one row per (mart, line, row) for the margins along which cells add up
create or replace table work.cells (
    mart varchar not null,
    row_id bigint not null,
    layer varchar not null,
    -- marts with the same key columns describe the same cells (turnover_annual, internal_mobility and
    -- cost_of_turnover by org, year and family): a cell withheld in one is withheld in all
    link_group varchar not null,
    cell_key varchar not null,
    size double not null,
    withheld boolean not null,
    reason varchar
);
create or replace table work.lines (
    mart varchar not null,
    line_id varchar not null,
    row_id bigint not null,
    -- the line's total ('all' row); a series of years has none
    is_total boolean not null
);
-- each additive count (people, events, staff FTE) of each row in the public cell layer, by column: the
-- withheld members of a line must together hold enough of every one of them (complementary_sums.sql)
create or replace table work.cell_counts (
    mart varchar not null,
    row_id bigint not null,
    column_name varchar not null,
    value double not null
);
-- the same quantity published by two tables (a declared column's `source`): which row of the source carries the value of each row of the copy; is_count marks counts, withheld in both tables when withheld in either
create or replace table work.links (
    mart varchar not null,
    row_id bigint not null,
    column_name varchar not null,
    is_count boolean not null,
    src_mart varchar not null,
    src_row_id bigint not null,
    src_column varchar not null
);
