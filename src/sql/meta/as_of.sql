-- one row: the reference date every "as of now" metric uses (settings.as_of, else the latest event date)
create or replace table meta.as_of as
with event_dates as (
    -- only dates that record something that happened: expiry and retirement dates can lie in the future
    select max(hire_date) as event_on from raw.employees
    union all select max(termination_date) from raw.employees
    union all select max(effective_date) from raw.job_history
    union all select max(effective_date) from raw.pay
    union all select max(opened_date) from raw.requisitions
    union all select max(filled_date) from raw.requisitions
    union all select max(cancelled_date) from raw.requisitions
    union all select max(earned_date) from raw.certifications
    union all select max(completed_date) from raw.training
    union all select max(opened_date) from raw.work_orders
    union all select max(completed_date) from raw.work_orders
    union all select max(in_service_date) from raw.assets
)
select cast(coalesce(
    (select cast(as_of as date) from meta.settings),
    (select max(event_on) from event_dates),
    current_date
) as date) as as_of;
