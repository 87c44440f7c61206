-- one row per staged contribution: the contributors and periods its rows name and its rows per table, which must agree with its manifest
select contribution_id,
    list_distinct(flatten(list(contributors))) as contributors,
    list_distinct(flatten(list(starts))) as starts,
    list_distinct(flatten(list(ends))) as ends,
    list({table_name: coalesce(table_name, 'null'), n: cast(n as integer)}) as tables
from (
    select contribution_id, table_name, count(*) as n,
        list(distinct contributor_id) as contributors,
        list(distinct cast(period_start as varchar)) as starts,
        list(distinct cast(period_end as varchar)) as ends
    from staged_rows
    group by contribution_id, table_name
)
group by contribution_id;
