-- one row per (peer group, year, certification code or 'any'): the share of the pooled headcount on 31 December holding the certification, with the organisations whose staff hold it and the rule when it may not be published
drop table if exists marts.pooled_certification_prevalence;
create table marts.pooled_certification_prevalence as
with last_months as (
    select contribution_id, year, max(month_start) as month_start
    from survey.contribution_rows
    where table_name = 'headcount_monthly'
    group by contribution_id, year
),

staff as (
    select m.facility_type, m.bed_band, m.region, r.year, sum(r.headcount) as headcount
    from survey.contribution_rows as r
    join last_months as l
        on l.contribution_id = r.contribution_id and l.year = r.year and l.month_start = r.month_start
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly' and r.role_family = 'all'
    group by m.facility_type, m.bed_band, m.region, r.year
),

holders as (
    select m.facility_type, m.bed_band, m.region, r.year, r.group_value as certification,
        sum(r.people) as holders,
        count(distinct m.contributor_id) as orgs
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'certifications_yearly' and r.people > 0
    group by m.facility_type, m.bed_band, m.region, r.year, r.group_value
)

select
    h.facility_type, h.bed_band, h.region, h.year, h.certification,
    cast(h.holders as integer) as holders,
    cast(h.orgs as integer) as orgs,
    cast(h.holders as double) / nullif(s2.headcount, 0) as prevalence,
    case
        when h.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when h.holders < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people'
    end as suppressed_reason
from holders as h
join staff as s2
    on s2.facility_type = h.facility_type and s2.bed_band = h.bed_band and s2.region = h.region and s2.year = h.year
cross join survey.settings as s;
