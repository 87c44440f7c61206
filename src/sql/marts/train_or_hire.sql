-- one row per org_id ('all' = every organisation) and domain: what training existing staff into the domain cost and took, against hiring into it (one-off cost and time to fill), as of as_of
-- Trainees: employees who completed at least one course in the domain (core.training, up to as_of) while
-- employed by the org. Per trainee: the sum of their course hours and costs in the domain.
-- train_hours, train_course_cost_usd: medians over trainees. train_cost_usd = train_course_cost_usd +
-- train_hours x the in-house cost per hour of general biomed staff (marts.fte_cost, as_of year): the
-- hours a generalist spends in training are hours not spent on work orders. train_days: median days from a
-- trainee's first course in the domain to the first certification of that domain they earned on or after
-- it (trainees_certified of them did). Medians over fewer than min_pay_group trainees (public:
-- min_cell_public) are null.
-- Hiring: hire_cost_usd = replacement_cost_per_leaver_usd of the domain (marts.fte_cost: replacement cost
-- factor x annual pay), the one-off cost of bringing a new person in; cost_per_fte_usd is then paid every
-- year. hire_days: median time to fill of the org's filled requisitions for the domain's roles
-- (core.domain_roles), over filled_requisitions.
create or replace table marts.train_or_hire as
with settings as (
    select case when audience = 'public' then greatest(min_pay_group, min_cell_public) else min_pay_group end
        as min_group
    from meta.settings
),
as_of as (
    select as_of, cast(year(as_of) as integer) as year from meta.as_of
),
grid as (
    select o.org_id, d.domain
    from (select org_id from core.orgs union select 'all') o
    cross join (select distinct domain from core.domain_roles) d
),
courses as (
    select e.org_id, t.employee_id, t.domain, t.completed_on, t.hours, t.cost_usd
    from core.training t
    join core.employees e
        on e.employee_id = t.employee_id
        and e.hire_on <= t.completed_on
        and (e.termination_on is null or e.termination_on > t.completed_on)
    where t.completed_on <= (select as_of from as_of)
),
trainees as (
    select
        c.org_id,
        c.employee_id,
        c.domain,
        sum(c.hours) as hours,
        sum(c.cost_usd) as cost_usd,
        min(c.completed_on) as first_course_on,
        (
            select min(x.valid_from)
            from core.certifications x
            where x.employee_id = c.employee_id and x.domain = c.domain and x.valid_from >= min(c.completed_on)
        ) as first_certified_on
    from courses c
    group by c.org_id, c.employee_id, c.domain
),
trainee_scopes as (
    select org_id, * exclude (org_id) from trainees
    union all
    select 'all', * exclude (org_id) from trainees
),
training as (
    select
        org_id,
        domain,
        count(*) as trainees,
        quantile_cont(hours, 0.5) as train_hours,
        quantile_cont(coalesce(cost_usd, 0), 0.5) as train_course_cost_usd,
        count(first_certified_on) as trainees_certified,
        quantile_cont(first_certified_on - first_course_on, 0.5) as train_days
    from trainee_scopes
    group by org_id, domain
),
generalist_hour as (
    select f.org_id, f.in_house_cost_per_hour_usd
    from marts.fte_cost f, as_of a
    where f.domain = 'general_biomed' and f.year = a.year
),
hiring as (
    select
        case when grouping(q.org_id) = 1 then 'all' else q.org_id end as org_id,
        r.domain,
        count(*) as filled_requisitions,
        quantile_cont(q.time_to_fill_days, 0.5) as hire_days
    from core.requisitions q
    join core.domain_roles r on r.role = q.role
    where q.status = 'filled' and q.filled_on <= (select as_of from as_of)
    group by grouping sets ((q.org_id, r.domain), (r.domain))
)
select
    g.org_id,
    g.domain,
    cast(coalesce(t.trainees, 0) as integer) as trainees,
    cast(case when t.trainees >= s.min_group then t.train_hours end as double) as train_hours,
    cast(case when t.trainees >= s.min_group then t.train_course_cost_usd end as double) as train_course_cost_usd,
    cast(case when t.trainees >= s.min_group
        then t.train_course_cost_usd + t.train_hours * gh.in_house_cost_per_hour_usd end as double) as train_cost_usd,
    cast(coalesce(t.trainees_certified, 0) as integer) as trainees_certified,
    cast(case when t.trainees_certified >= s.min_group then t.train_days end as double) as train_days,
    cast(f.replacement_cost_per_leaver_usd as double) as hire_cost_usd,
    cast(f.cost_per_fte_usd as double) as cost_per_fte_usd,
    f.cost_basis,
    -- the people behind the pay figures (fte_cost's median; null when priced at the market figure)
    cast(f.n_paid as integer) as n_paid,
    cast(coalesce(h.filled_requisitions, 0) as integer) as filled_requisitions,
    cast(h.hire_days as double) as hire_days
from grid g
cross join settings s
cross join as_of a
left join training t on t.org_id = g.org_id and t.domain = g.domain
left join generalist_hour gh on gh.org_id = g.org_id
left join marts.fte_cost f on f.org_id = g.org_id and f.domain = g.domain and f.year = a.year
left join hiring h on h.org_id = g.org_id and h.domain = g.domain
order by 1, 2;
