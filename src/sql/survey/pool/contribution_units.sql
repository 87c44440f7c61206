-- one row per contribution: its contributor, its profile (facility_type, bed_band, region), its unit (the contributor in that profile) and how many units its contributor has, as integers, so the pooled marts carry no string keys
-- A unit's contributions belong to the same peer groups and the same organisation: the pooled marts
-- sum them once per unit. An organisation with a single unit (almost all) is that unit in every
-- group, so its figures can be counted and summed per profile before the profile's sums are copied
-- to its (at most eight) groups; only an organisation contributing under two profiles is summed
-- again in the groups the profiles share.
drop table if exists survey.contribution_units;
create table survey.contribution_units as
with numbered as (
    select contribution_id, contributor_id,
        cast(dense_rank() over (order by contributor_id) as integer) as contributor_no,
        cast(dense_rank() over (order by facility_type, bed_band, region) as integer) as profile_no,
        cast(dense_rank() over (order by contributor_id, facility_type, bed_band, region) as integer) as unit_no
    from survey.contributions
)

-- a contributor's units are numbered one after another (unit_no orders by contributor first)
select contribution_id, contributor_id, contributor_no, profile_no, unit_no,
    max(unit_no) over (partition by contributor_no) - min(unit_no) over (partition by contributor_no) + 1
        as unit_count
from numbered;
