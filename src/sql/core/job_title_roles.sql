-- one row per distinct raw job title (job history and requisitions): its canonical role by the first matching rule
create or replace table core.job_title_roles as
with titles as (
    select job_title from raw.job_history
    union
    select job_title from raw.requisitions
),

-- rules run on distinct titles only, never per row
first_match as (
    select t.job_title, r.role
    from titles as t
    join taxonomy.job_title_rules as r on regexp_matches(t.job_title, r.pattern, 'i')
    qualify row_number() over (partition by t.job_title order by r.priority, r.role) = 1
)

select
    t.job_title as raw_job_title,
    coalesce(m.role, 'unmapped') as role,
    coalesce(ro.role_family, 'unmapped') as role_family,
    cast(ro.ladder_level as integer) as ladder_level,
    ro.primary_domain
from titles as t
left join first_match as m on m.job_title = t.job_title
left join taxonomy.roles as ro on ro.role = m.role
where t.job_title is not null;
