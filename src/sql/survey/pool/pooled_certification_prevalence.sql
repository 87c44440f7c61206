-- one row per (peer group, year, certification code or 'any'): pooled holders ÷ pooled headcount at the year's snapshot (prevalence), with the organisations behind it and the rule that withholds it
drop table if exists marts.pooled_certification_prevalence;
create table marts.pooled_certification_prevalence as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_value as certification,
        sum(r.people) as holders,
        sum(r.headcount) as headcount
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'certifications_yearly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_value
),

-- every contributor with staff in the year counts in the denominator, holders or not: a
-- certification nobody holds at an organisation has no row there, yet its staff are not holders
staff as (
    select facility_type, bed_band, region, contributor_id, year, max(headcount) as headcount
    from by_contributor
    group by facility_type, bed_band, region, contributor_id, year
),

certs as (
    select distinct facility_type, bed_band, region, year, certification from by_contributor
),

filled as (
    select c.facility_type, c.bed_band, c.region, c.year, c.certification, s.contributor_id,
        coalesce(b.holders, 0) as holders, s.headcount
    from certs as c
    join staff as s
        on s.facility_type = c.facility_type and s.bed_band = c.bed_band and s.region = c.region
        and s.year = c.year
    left join by_contributor as b
        on b.facility_type = c.facility_type and b.bed_band = c.bed_band and b.region = c.region
        and b.year = c.year and b.certification = c.certification and b.contributor_id = s.contributor_id
),

pooled as (
    select facility_type, bed_band, region, year, certification,
        sum(holders) as holders,
        sum(headcount) as headcount,
        sum(case when headcount > 0 then 1 else 0 end) as orgs,
        max(headcount) as largest_org_headcount
    from filled
    group by facility_type, bed_band, region, year, certification
)

select
    p.facility_type, p.bed_band, p.region,
    cast(p.year as integer) as year,
    p.certification,
    cast(p.holders as integer) as holders,
    cast(p.headcount as integer) as headcount,
    cast(p.holders as double) / nullif(cast(p.headcount as double), 0) as prevalence,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_headcount as double) / nullif(cast(p.headcount as double), 0) as max_org_share,
    case
        when p.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when cast(p.largest_org_headcount as double) / cast(p.headcount as double) > s.max_org_share_benchmark
            then 'one organisation above ' || cast(cast(round(s.max_org_share_benchmark * 100) as integer) as varchar(20)) || '% of the weight'
    end as suppressed_reason
from pooled as p
cross join survey.settings as s;
