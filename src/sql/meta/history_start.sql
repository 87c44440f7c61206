-- one row: the first day the exports record separations completely (settings.history_start, else January 1 of the year of the earliest termination, else of the earliest hire)
create or replace table meta.history_start as
-- HRIS exports keep everyone still employed however long ago they were hired, but drop people who
-- left before some cut-off: before the first recorded termination, a year with no leavers is an
-- artefact of the export, not a year nobody left. Requisitions and work orders only date a
-- warehouse that has no employees at all, so the months of its other marts still exist.
with inferred as (
    select coalesce(
        (select min(termination_date) from raw.employees),
        (select min(hire_date) from raw.employees),
        least((select min(opened_date) from raw.requisitions), (select min(opened_date) from raw.work_orders))
    ) as first_on
)

select cast(coalesce(
    (select cast(history_start as date) from meta.settings),
    date_trunc('year', (select first_on from inferred))
) as date) as history_start;
