-- one row per (role_family, status, day bin) with requisitions: filled in the period by days to fill, and open on period_end by age
create or replace temp table contribution_requisitions as
with bins as (
    select * from (values (0, 30), (30, 60), (60, 90), (90, 120), (120, 180), (180, 270), (270, 365), (365, null))
        as b(days_lower, days_upper)
),

scoped as (
    select
        r.role_family,
        case
            when r.filled_on >= s.period_start and r.filled_on <= s.period_end then 'filled'
            else 'open'
        end as status,
        case
            when r.filled_on >= s.period_start and r.filled_on <= s.period_end then r.time_to_fill_days
            else date_diff('day', r.opened_on, s.period_end)
        end as days
    from core.requisitions as r, contribution_scope as s
    where r.org_id = s.org_id
        and r.opened_on <= s.period_end
        and (
            (r.filled_on >= s.period_start and r.filled_on <= s.period_end)
            -- open on period_end: neither filled nor cancelled by then
            or ((r.filled_on is null or r.filled_on > s.period_end)
                and (r.cancelled_on is null or r.cancelled_on > s.period_end))
        )
)

select
    q.role_family,
    q.status as requisition_status,
    b.days_lower,
    b.days_upper,
    cast(count(*) as integer) as requisitions
from scoped as q
join bins as b on q.days >= b.days_lower and (b.days_upper is null or q.days < b.days_upper)
group by all;
