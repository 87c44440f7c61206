-- one row per (organisation, peer kind): the peer group an organisation is compared within — its facility type, its staffed-bed band (not applicable without beds: a dental group or a service organisation), and its HTM staff size band (average headcount in the latest year)
create or replace table work.benchmark_peers as
with staff as (
    select org_id, avg_headcount
    from warehouse.marts.turnover_annual
    where role_family = 'all' and org_id <> 'all'
        and year = (select max(year) from warehouse.marts.turnover_annual)
),
orgs as (
    select o.org_id, o.facility_type, o.staffed_beds, s.avg_headcount
    from warehouse.core.orgs o
    left join staff s using (org_id)
)
select org_id, 'facility_type' as peer_kind,
    coalesce(facility_type, 'unknown') as peer_group,
    coalesce(replace(facility_type, '_', ' '), 'facility type not given') as peer_label,
    0 as group_order
from orgs
union all
select org_id, 'bed_band',
    case
        when staffed_beds is null then 'unknown'
        when staffed_beds <= 0 then 'not_applicable'
        when staffed_beds < 100 then 'beds_1_99'
        when staffed_beds < 300 then 'beds_100_299'
        when staffed_beds < 500 then 'beds_300_499'
        else 'beds_500_plus'
    end,
    case
        when staffed_beds is null then 'staffed beds not given'
        when staffed_beds <= 0 then 'no staffed beds (not applicable)'
        when staffed_beds < 100 then 'under 100 staffed beds'
        when staffed_beds < 300 then '100–299 staffed beds'
        when staffed_beds < 500 then '300–499 staffed beds'
        else '500 or more staffed beds'
    end,
    case
        when staffed_beds is null or staffed_beds <= 0 then 9
        when staffed_beds < 100 then 1
        when staffed_beds < 300 then 2
        when staffed_beds < 500 then 3
        else 4
    end
from orgs
union all
select org_id, 'staff_size',
    case
        when avg_headcount is null then 'unknown'
        when avg_headcount < 10 then 'staff_under_10'
        when avg_headcount < 20 then 'staff_10_19'
        else 'staff_20_plus'
    end,
    case
        when avg_headcount is null then 'HTM staff size unknown'
        when avg_headcount < 10 then 'HTM teams under 10 people'
        when avg_headcount < 20 then 'HTM teams of 10–19 people'
        else 'HTM teams of 20 or more'
    end,
    case when avg_headcount is null then 9 when avg_headcount < 10 then 1 when avg_headcount < 20 then 2 else 3 end
from orgs;
