-- one row per pay-rate row clipped to its employment (half-open [start_on, end_on)), with the rate annualised
create or replace table core.pay_spells as
with attributed as (
    select w.employee_id, w.hire_on, w.org_id, w.end_on as employment_end_on, p.*
    exclude (employee_id)
    from raw.pay as p
    join core.employment_windows as w
        on w.employee_id = p.employee_id
        and (p.effective_date >= w.hire_on or w.employment_seq = 1)
        and (w.next_hire_on is null or p.effective_date < w.next_hire_on)
        -- a row dated after the employment ended belongs to none (meta.rows_outside_employment)
        and (w.end_on is null or p.effective_date < w.end_on)
),

bounded as (
    select
        *,
        -- same attribution as position spells: the first rate of an employment is its rate at hire
        case
            when row_number() over w = 1 then hire_on
            else greatest(effective_date, hire_on)
        end as start_on,
        least(lead(effective_date) over w, employment_end_on) as end_on
    from attributed
    window w as (partition by employee_id, hire_on order by effective_date)
)

select
    b.employee_id,
    b.hire_on,
    b.org_id,
    b.start_on,
    b.end_on,
    b.basis,
    b.amount,
    -- hourly rates are annualised at 2080 paid hours × the fte of the position held when the rate started
    case
        when b.basis = 'hourly' then b.amount * 2080 * coalesce(s.fte, 1.0)
        else b.amount
    end as annual_pay_usd,
    b.pay_grade,
    b.range_min as range_min_usd,
    b.range_mid as range_mid_usd,
    b.range_max as range_max_usd
from bounded as b
left join core.position_spells as s
    on s.employee_id = b.employee_id
    and s.hire_on = b.hire_on
    and s.start_on <= b.start_on
    -- coalesce, not "is null or": an or in an outer join's condition turns the hash join into a nested loop
    and b.start_on < coalesce(s.end_on, date '9999-12-31')
where b.end_on is null or b.start_on < b.end_on
order by b.employee_id, b.hire_on, b.start_on;
